import { json, problem } from "../http/reply.ts";
import type { FieldError, Reply } from "../http/reply.ts";
import { fieldErrorsOf } from "../http/request-validation.ts";
import type { RequestContext, Route } from "../http/route.ts";
import { actorOf, mayActFor } from "./acting-member.ts";
import type { Actor } from "./acting-member.ts";
import type { CatalogLookup } from "./catalog-lookup.ts";
import { isValidIdempotencyKey, requestFingerprint } from "./idempotency-store.ts";
import type { IdempotencyStore } from "./idempotency-store.ts";
import type { MemberOrdersReadModel } from "./member-orders-read-model.ts";
import { decodeOrderCursor, encodeOrderCursor } from "./order-cursor.ts";
import type { StoredOrder } from "./order-model.ts";
import { orderEventJson, orderJson, orderSummaryJson } from "./order-json.ts";
import { checkOrderAgainstCatalog } from "./order-placement.ts";
import { isPastCancellationWindow } from "./order-policy.ts";
import { cancelOrderBodySchema, createOrderBodySchema, parseId } from "./order-requests.ts";
import type { ShardedOrderStore } from "./sharded-order-store.ts";

export interface OrderRouteDependencies {
  store: ShardedOrderStore;
  readModel: MemberOrdersReadModel;
  catalog: CatalogLookup;
  idempotency: IdempotencyStore;
}

const idempotencyKeyHeader = "idempotency-key";
const pageLimits = { default: 20, max: 100 } as const;

/**
 * The order API. Writes go to the order's shard and are then projected into the read model in
 * the same request, so a member's list shows an order as soon as its creation is answered.
 */
export function orderRoutes(deps: OrderRouteDependencies): Route[] {
  return [
    { method: "POST", path: "/v1/orders", handle: (context) => createOrder(context, deps) },
    {
      method: "GET",
      path: "/v1/orders/:orderId",
      handle: (context) => withVisibleOrder(context, deps, (order) => json(200, orderJson(order))),
    },
    {
      method: "POST",
      path: "/v1/orders/:orderId/cancel",
      handle: (context) => cancelOrder(context, deps),
    },
    {
      method: "GET",
      path: "/v1/orders/:orderId/events",
      handle: (context) =>
        withVisibleOrder(context, deps, (order) =>
          json(200, {
            orderId: order.id,
            events: deps.store.eventsOf(order.id).map(orderEventJson),
          }),
        ),
    },
    {
      method: "GET",
      path: "/v1/members/:memberId/orders",
      handle: (context) => listMemberOrders(context, deps),
    },
    {
      method: "GET",
      path: "/v1/shops/:shopId/menu",
      handle: (context) => shopMenu(context, deps),
    },
  ];
}

function createOrder(context: RequestContext, deps: OrderRouteDependencies): Reply {
  const actor = actorOf(context.headers);
  if (!actor) return badActingMember();
  const key = singleHeader(context, idempotencyKeyHeader);
  if (key !== undefined && !isValidIdempotencyKey(key)) {
    return invalidRequest([
      { field: "Idempotency-Key", message: "must be 1 to 255 visible ASCII characters" },
    ]);
  }

  // The acting member is part of what a key stands for: the same body sent for someone else
  // is another request.
  const fingerprint = requestFingerprint({ body: context.body, actor });
  const nowMs = context.now.getTime();
  if (key !== undefined) {
    const seen = deps.idempotency.lookup(key, fingerprint, nowMs);
    if (seen.kind === "replay") {
      const { status, body, headers } = seen.response;
      return json(status, body, { ...headers, "idempotent-replayed": "true" });
    }
    if (seen.kind === "key-reused-with-other-request") {
      return problem(422, "Idempotency-Key reused", {
        detail: "This Idempotency-Key was first used with a different request; use a new key",
        errors: [{ field: "Idempotency-Key", message: "already used for a different request" }],
      });
    }
  }

  const parsed = createOrderBodySchema.safeParse(context.body);
  if (!parsed.success) return invalidRequest(fieldErrorsOf(parsed.error));
  if (!mayActFor(actor, parsed.data.memberId)) {
    return forbidden(`member ${describe(actor)} may not order for member ${parsed.data.memberId}`);
  }
  const check = checkOrderAgainstCatalog(parsed.data, deps.catalog);
  if (!check.ok) {
    return problem(422, "Order cannot be placed", {
      detail: "The order does not match the catalogue",
      errors: check.errors,
    });
  }

  const order = deps.store.place(check.draft, nowMs);
  deps.readModel.record(order);
  const response = {
    status: 201,
    body: orderJson(order),
    headers: { location: `/v1/orders/${order.id}` },
  };
  if (key !== undefined) deps.idempotency.record(key, fingerprint, response, nowMs);
  return json(response.status, response.body, response.headers);
}

function cancelOrder(context: RequestContext, deps: OrderRouteDependencies): Reply {
  const orderId = parseId(context.params.orderId);
  if (orderId === undefined) return badOrderId();
  const actor = actorOf(context.headers);
  if (!actor) return badActingMember();
  const parsed = cancelOrderBodySchema.safeParse(context.body);
  if (!parsed.success) return invalidRequest(fieldErrorsOf(parsed.error));

  const order = deps.store.find(orderId);
  if (!order) return orderNotFound(orderId);
  if (!mayActFor(actor, order.memberId)) {
    return forbidden(`member ${describe(actor)} may not cancel another member's order`);
  }
  if (order.status === "CANCELLED") {
    return problem(409, "Order already cancelled", {
      detail: `Order ${orderId} was cancelled at ${new Date(order.cancelledAtMs ?? 0).toISOString()}`,
    });
  }
  const nowMs = context.now.getTime();
  if (isPastCancellationWindow(order.placedAtMs, nowMs)) {
    return problem(422, "Cancellation window closed", {
      detail: `Order ${orderId} was placed ${new Date(order.placedAtMs).toISOString()}; orders can be cancelled for 30 days`,
    });
  }
  const cancelled = deps.store.cancel({ orderId, reason: parsed.data.reason, atMs: nowMs });
  if (!cancelled) return problem(409, "Order already cancelled");
  deps.readModel.record(cancelled);
  return json(200, orderJson(cancelled));
}

function listMemberOrders(context: RequestContext, deps: OrderRouteDependencies): Reply {
  const memberId = parseId(context.params.memberId);
  if (memberId === undefined) {
    return invalidRequest([{ field: "memberId", message: "must be a positive integer" }]);
  }
  const actor = actorOf(context.headers);
  if (!actor) return badActingMember();

  const errors: FieldError[] = [];
  const limitText = context.url.searchParams.get("limit");
  const limit = limitText === null ? pageLimits.default : parseId(limitText);
  if (limit === undefined || limit > pageLimits.max) {
    errors.push({ field: "limit", message: `must be an integer from 1 to ${pageLimits.max}` });
  }
  const cursorText = context.url.searchParams.get("cursor");
  const cursor = cursorText === null ? undefined : decodeOrderCursor(cursorText);
  if (cursorText !== null && cursor?.memberId !== memberId) {
    errors.push({
      field: "cursor",
      message: "is not a cursor this list returned; pass nextCursor back unchanged",
    });
  }
  if (errors.length > 0 || limit === undefined) return invalidRequest(errors);

  if (!mayActFor(actor, memberId)) {
    return forbidden(`member ${describe(actor)} may not list member ${memberId}'s orders`);
  }
  if (!deps.catalog.memberExists(memberId)) {
    return problem(404, "Member not found", { detail: `No member ${memberId}` });
  }

  const page = deps.readModel.page({ memberId, limit, ...(cursor ? { after: cursor } : {}) });
  return json(200, {
    memberId,
    orders: page.orders.map(orderSummaryJson),
    nextCursor: page.next ? encodeOrderCursor({ memberId, ...page.next }) : null,
  });
}

function shopMenu(context: RequestContext, deps: OrderRouteDependencies): Reply {
  const shopId = parseId(context.params.shopId);
  if (shopId === undefined) {
    return invalidRequest([{ field: "shopId", message: "must be a positive integer" }]);
  }
  const shop = deps.catalog.shop(shopId);
  if (!shop) return problem(404, "Shop not found", { detail: `No shop ${shopId}` });
  return json(200, {
    shopId: shop.id,
    name: shop.name,
    open: shop.open,
    items: deps.catalog.menuOf(shopId).map((item) => ({
      menuItemId: item.id,
      name: item.name,
      price: item.price,
      available: item.available,
    })),
  });
}

/** The shared prelude of the read routes: a valid id, an existing order, one the actor may see. */
function withVisibleOrder(
  context: RequestContext,
  deps: OrderRouteDependencies,
  answer: (order: StoredOrder) => Reply,
): Reply {
  const orderId = parseId(context.params.orderId);
  if (orderId === undefined) return badOrderId();
  const actor = actorOf(context.headers);
  if (!actor) return badActingMember();
  const order = deps.store.find(orderId);
  if (!order) return orderNotFound(orderId);
  if (!mayActFor(actor, order.memberId)) {
    return forbidden(`member ${describe(actor)} may not see another member's order`);
  }
  return answer(order);
}

function singleHeader(context: RequestContext, name: string): string | undefined {
  const value = context.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function invalidRequest(errors: FieldError[]): Reply {
  return problem(400, "Invalid request", { detail: "Some fields are invalid", errors });
}

function badOrderId(): Reply {
  return invalidRequest([{ field: "orderId", message: "must be a positive integer" }]);
}

function badActingMember(): Reply {
  return invalidRequest([{ field: "X-Member-Id", message: "must be a member id when present" }]);
}

function orderNotFound(orderId: number): Reply {
  return problem(404, "Order not found", { detail: `No order ${orderId}` });
}

function forbidden(detail: string): Reply {
  return problem(403, "Forbidden", { detail });
}

function describe(actor: Actor): string {
  return actor.kind === "member" ? String(actor.memberId) : "staff";
}
