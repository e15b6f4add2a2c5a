import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import type { OrderDraft } from "./order-model.ts";
import { ShardedOrderStore } from "./sharded-order-store.ts";

const draft: OrderDraft = {
  memberId: 7,
  shopId: 1,
  lines: [{ menuItemId: 1, name: "dish", unitPrice: 5_000, quantity: 2, lineTotal: 10_000 }],
  subtotal: 10_000,
  deliveryFee: 3_000,
  total: 13_000,
  deliveryAddress: null,
  note: "ring twice",
};
const placedAtMs = Date.UTC(2026, 5, 1, 12);

describe("ShardedOrderStore", () => {
  let store: ShardedOrderStore;
  afterEach(() => store.close());

  it("gives ids from one sequence and keeps each order in shard id % N only", () => {
    store = new ShardedOrderStore(3);
    const ids = Array.from({ length: 6 }, () => store.place(draft, placedAtMs).id);
    assert.deepEqual(ids, [1, 2, 3, 4, 5, 6]);
    for (const id of ids) {
      const holders = store.shards.filter((shard) => shard.find(id) !== undefined);
      assert.deepEqual(
        holders.map((shard) => shard.index),
        [id % 3],
      );
    }
  });

  it("writes the order and its ORDER_PLACED event together", () => {
    store = new ShardedOrderStore(2);
    const order = store.place(draft, placedAtMs);
    assert.deepEqual(store.find(order.id), order);
    const [event, ...rest] = store.eventsOf(order.id);
    assert.equal(rest.length, 0);
    assert.equal(event?.type, "ORDER_PLACED");
    assert.equal(event?.status, "PENDING");
    assert.deepEqual(event?.payload, {
      orderId: order.id,
      memberId: 7,
      shopId: 1,
      total: 13_000,
      currency: "KRW",
      placedAt: new Date(placedAtMs).toISOString(),
    });
  });

  it("cancels once, recording ORDER_CANCELLED; a second cancel changes nothing", () => {
    store = new ShardedOrderStore(2);
    const { id } = store.place(draft, placedAtMs);
    const cancelled = store.cancel({
      orderId: id,
      reason: "changed my mind",
      atMs: placedAtMs + 60_000,
    });
    assert.equal(cancelled?.status, "CANCELLED");
    assert.equal(cancelled?.cancellationReason, "changed my mind");
    assert.equal(
      store.cancel({ orderId: id, reason: "again", atMs: placedAtMs + 120_000 }),
      undefined,
    );
    assert.deepEqual(
      store.eventsOf(id).map((event) => event.type),
      ["ORDER_PLACED", "ORDER_CANCELLED"],
    );
  });

  it("rolls back the order when its event cannot be written", () => {
    store = new ShardedOrderStore(1);
    const shard = store.shards[0]!;
    const first = store.place(draft, placedAtMs);
    const [event] = shard.eventsOf(first.id);
    // Reusing an event id breaks the outbox's unique key inside the transaction.
    assert.throws(() => shard.insertPlaced({ ...first, id: 99 }, { ...event!, orderId: 99 }));
    assert.equal(shard.find(99), undefined);
  });

  it("purges orders placed before the cutoff, with their events", () => {
    store = new ShardedOrderStore(2);
    const old = store.place(draft, placedAtMs);
    const recent = store.place(draft, placedAtMs + 10_000);
    assert.equal(store.purgePlacedBefore(placedAtMs + 1), 1);
    assert.equal(store.find(old.id), undefined);
    assert.deepEqual(store.eventsOf(old.id), []);
    assert.ok(store.find(recent.id));
  });
});
