import { randomUUID } from "node:crypto";
import type { OrderDraft, OutboxEvent, StoredOrder } from "./order-model.ts";
import { currency } from "./order-pricing.ts";
import { OrderShard } from "./order-shard.ts";
import { shardIndexFor } from "./shard-routing.ts";

export interface CancelRequest {
  orderId: number;
  reason: string;
  atMs: number;
}

/**
 * The write side: orders spread over N shard databases by `id % N`. Ids come from one sequence
 * for all shards, so an id names an order, and its shard, uniquely.
 */
export class ShardedOrderStore {
  readonly shards: readonly OrderShard[];
  #lastOrderId = 0;

  constructor(shardCount: number) {
    if (!Number.isSafeInteger(shardCount) || shardCount < 1) {
      throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
    }
    this.shards = Array.from({ length: shardCount }, (_, index) => new OrderShard(index));
  }

  place(draft: OrderDraft, placedAtMs: number): StoredOrder {
    const id = ++this.#lastOrderId;
    const shard = this.#shardOf(id);
    const order: StoredOrder = {
      ...draft,
      id,
      shard: shard.index,
      status: "PLACED",
      placedAtMs,
      cancelledAtMs: null,
      cancellationReason: null,
    };
    shard.insertPlaced(order, {
      eventId: randomUUID(),
      orderId: id,
      memberId: order.memberId,
      type: "ORDER_PLACED",
      payload: {
        orderId: id,
        memberId: order.memberId,
        shopId: order.shopId,
        total: order.total,
        currency,
        placedAt: new Date(placedAtMs).toISOString(),
      },
      occurredAtMs: placedAtMs,
    });
    return order;
  }

  find(orderId: number): StoredOrder | undefined {
    return this.#shardOf(orderId).find(orderId);
  }

  /** The cancelled order, or undefined when it was not (or no longer) PLACED. */
  cancel(request: CancelRequest): StoredOrder | undefined {
    const shard = this.#shardOf(request.orderId);
    const order = shard.find(request.orderId);
    if (!order) return undefined;
    const cancelled = shard.markCancelled({
      orderId: request.orderId,
      atMs: request.atMs,
      reason: request.reason,
      event: {
        eventId: randomUUID(),
        orderId: request.orderId,
        memberId: order.memberId,
        type: "ORDER_CANCELLED",
        payload: {
          orderId: request.orderId,
          memberId: order.memberId,
          reason: request.reason,
          cancelledAt: new Date(request.atMs).toISOString(),
        },
        occurredAtMs: request.atMs,
      },
    });
    return cancelled ? shard.find(request.orderId) : undefined;
  }

  eventsOf(orderId: number): OutboxEvent[] {
    return this.#shardOf(orderId).eventsOf(orderId);
  }

  /** Every shard's orders placed before the cutoff; returns how many went. */
  purgePlacedBefore(cutoffMs: number): number {
    return this.shards.reduce((sum, shard) => sum + shard.purgePlacedBefore(cutoffMs), 0);
  }

  close(): void {
    for (const shard of this.shards) shard.close();
  }

  #shardOf(orderId: number): OrderShard {
    return this.shards[shardIndexFor(orderId, this.shards.length)] as OrderShard;
  }
}
