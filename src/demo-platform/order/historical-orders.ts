import type { CatalogLookup } from "./catalog-lookup.ts";
import type { MemberOrdersReadModel } from "./member-orders-read-model.ts";
import { checkOrderAgainstCatalog } from "./order-placement.ts";
import type { CreateOrderBody } from "./order-requests.ts";
import type { ShardedOrderStore } from "./sharded-order-store.ts";

const dayMs = 86_400_000;

export interface HistoricalOrder {
  body: CreateOrderBody;
  /** How long before the service started the order was placed. */
  ageDays: number;
}

/**
 * Orders already past the 30-day cancellation window when the service starts, so a late
 * cancellation can be tried without a fake clock. Placed first, they take order ids 1 to 6:
 * member 490 + n ordered items 1 and 2 of shop n, 30 + n days ago.
 */
export const historicalOrders: readonly HistoricalOrder[] = Array.from({ length: 6 }, (_, i) => {
  const n = i + 1;
  const firstItem = (n - 1) * 6 + 1;
  return {
    body: {
      memberId: 490 + n,
      shopId: n,
      items: [
        { menuItemId: firstItem, quantity: 1 },
        { menuItemId: firstItem + 1, quantity: 2 },
      ],
      deliveryAddress: `${n} Historic-ro, Seoul`,
    },
    ageDays: 30 + n,
  };
});

export interface HistorySeedTarget {
  store: ShardedOrderStore;
  readModel: MemberOrdersReadModel;
  catalog: CatalogLookup;
  startedAtMs: number;
}

export function seedHistoricalOrders(target: HistorySeedTarget): void {
  for (const historical of historicalOrders) {
    const check = checkOrderAgainstCatalog(historical.body, target.catalog);
    if (!check.ok) {
      const why = check.errors.map((e) => `${e.field} ${e.message}`).join("; ");
      throw new Error(`historical order for member ${historical.body.memberId} is invalid: ${why}`);
    }
    const placedAtMs = target.startedAtMs - historical.ageDays * dayMs;
    target.readModel.record(target.store.place(check.draft, placedAtMs));
  }
}
