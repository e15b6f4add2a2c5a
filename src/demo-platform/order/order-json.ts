import type { MemberOrderSummary } from "./member-orders-read-model.ts";
import type { OutboxEvent, StoredOrder } from "./order-model.ts";
import { cancellationWindowMs } from "./order-policy.ts";
import { currency } from "./order-pricing.ts";

/** The order as every order route answers it. */
export function orderJson(order: StoredOrder) {
  return {
    id: order.id,
    memberId: order.memberId,
    shopId: order.shopId,
    status: order.status,
    items: order.lines.map((line) => ({
      menuItemId: line.menuItemId,
      name: line.name,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: line.lineTotal,
    })),
    subtotal: order.subtotal,
    deliveryFee: order.deliveryFee,
    total: order.total,
    currency,
    deliveryAddress: order.deliveryAddress,
    note: order.note,
    placedAt: iso(order.placedAtMs),
    cancellableUntil: iso(order.placedAtMs + cancellationWindowMs),
    cancelledAt: order.cancelledAtMs === null ? null : iso(order.cancelledAtMs),
    cancellationReason: order.cancellationReason,
    shard: order.shard,
  };
}

export function orderSummaryJson(summary: MemberOrderSummary) {
  return {
    id: summary.orderId,
    shopId: summary.shopId,
    status: summary.status,
    itemCount: summary.itemCount,
    total: summary.total,
    currency,
    placedAt: iso(summary.placedAtMs),
    shard: summary.shard,
  };
}

export function orderEventJson(event: OutboxEvent) {
  return {
    eventId: event.eventId,
    type: event.type,
    occurredAt: iso(event.occurredAtMs),
    payload: event.payload,
    publish: {
      status: event.status,
      attempts: event.attempts,
      publishedAt: event.publishedAtMs === null ? null : iso(event.publishedAtMs),
      nextAttemptAt: event.status === "PUBLISHED" ? null : iso(event.nextAttemptAtMs),
      lastError: event.lastError,
    },
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
