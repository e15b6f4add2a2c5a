import type { FieldError } from "../http/reply.ts";
import type { CatalogLookup } from "./catalog-lookup.ts";
import type { OrderDraft, OrderLine } from "./order-model.ts";
import { priceOrder } from "./order-pricing.ts";
import type { CreateOrderBody } from "./order-requests.ts";

export type PlacementCheck = { ok: true; draft: OrderDraft } | { ok: false; errors: FieldError[] };

/**
 * A well-formed request checked against the catalogue (member, shop open, each item on that
 * shop's menu and available) and priced from it. Every problem is reported, not just the first.
 */
export function checkOrderAgainstCatalog(
  body: CreateOrderBody,
  catalog: CatalogLookup,
): PlacementCheck {
  const errors: FieldError[] = [];
  if (!catalog.memberExists(body.memberId)) {
    errors.push({ field: "memberId", message: `no member ${body.memberId}` });
  }
  const shop = catalog.shop(body.shopId);
  if (!shop) errors.push({ field: "shopId", message: `no shop ${body.shopId}` });
  else if (!shop.open) errors.push({ field: "shopId", message: `shop ${shop.id} is closed` });

  const seen = new Set<number>();
  const lines: Omit<OrderLine, "lineTotal">[] = [];
  for (const [index, requested] of body.items.entries()) {
    const field = `items[${index}].menuItemId`;
    const item = catalog.menuItem(requested.menuItemId);
    if (seen.has(requested.menuItemId)) {
      errors.push({ field, message: `menu item ${requested.menuItemId} is listed twice` });
    } else if (!item) {
      errors.push({ field, message: `no menu item ${requested.menuItemId}` });
    } else if (item.shopId !== body.shopId) {
      errors.push({
        field,
        message: `menu item ${item.id} belongs to shop ${item.shopId}, not shop ${body.shopId}`,
      });
    } else if (!item.available) {
      errors.push({ field, message: `menu item ${item.id} is not available` });
    } else {
      lines.push({
        menuItemId: item.id,
        name: item.name,
        unitPrice: item.price,
        quantity: requested.quantity,
      });
    }
    seen.add(requested.menuItemId);
  }
  if (errors.length > 0) return { ok: false, errors };

  const price = priceOrder(lines);
  return {
    ok: true,
    draft: {
      memberId: body.memberId,
      shopId: body.shopId,
      lines: lines.map((line, index) => ({ ...line, lineTotal: price.lineTotals[index] ?? 0 })),
      subtotal: price.subtotal,
      deliveryFee: price.deliveryFee,
      total: price.total,
      deliveryAddress: body.deliveryAddress ?? null,
      note: body.note ?? null,
    },
  };
}
