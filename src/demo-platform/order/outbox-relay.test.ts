import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { DemoEventBroker } from "./event-broker.ts";
import type { OrderDraft } from "./order-model.ts";
import { OutboxRelay, retryDelayMs } from "./outbox-relay.ts";
import { ShardedOrderStore } from "./sharded-order-store.ts";

const draft = (memberId: number): OrderDraft => ({
  memberId,
  shopId: 1,
  lines: [{ menuItemId: 1, name: "dish", unitPrice: 5_000, quantity: 1, lineTotal: 5_000 }],
  subtotal: 5_000,
  deliveryFee: 3_000,
  total: 8_000,
  deliveryAddress: null,
  note: null,
});

describe("OutboxRelay", () => {
  let store: ShardedOrderStore;
  afterEach(() => store.close());

  /** A relay over a fresh store, on a clock the test moves by hand. */
  const relayOverShards = (shardCount: number) => {
    store = new ShardedOrderStore(shardCount);
    const broker = new DemoEventBroker();
    const clock = { nowMs: Date.UTC(2026, 0, 1) };
    const relay = new OutboxRelay({
      shards: store.shards,
      publisher: broker,
      clock: () => new Date(clock.nowMs),
    });
    return { broker, clock, relay };
  };

  it("publishes every shard's pending events once", () => {
    const { broker, clock, relay } = relayOverShards(3);
    const ids = [1, 2, 3, 4].map((member) => store.place(draft(member), clock.nowMs).id);
    clock.nowMs += 10;
    assert.deepEqual(relay.runOnce(), { published: 4, failed: 0 });
    assert.deepEqual(relay.runOnce(), { published: 0, failed: 0 });
    for (const id of ids) {
      const [event] = store.eventsOf(id);
      assert.equal(event?.status, "PUBLISHED");
      assert.equal(event?.attempts, 1);
      assert.equal(event?.publishedAtMs, clock.nowMs);
    }
    assert.equal(broker.stats().accepted, 4);
  });

  it("marks refused events FAILED and retries them with backoff until the broker accepts", () => {
    const { broker, clock, relay } = relayOverShards(2);
    broker.failPublishesFor(5);
    const failing = store.place(draft(5), clock.nowMs).id;
    const healthy = store.place(draft(6), clock.nowMs).id;

    assert.deepEqual(relay.runOnce(), { published: 1, failed: 1 });
    let [event] = store.eventsOf(failing);
    assert.equal(event?.status, "FAILED");
    assert.match(event?.lastError ?? "", /publish failure injected/);
    assert.equal(event?.nextAttemptAtMs, clock.nowMs + retryDelayMs(1));
    assert.equal(store.eventsOf(healthy)[0]?.status, "PUBLISHED");

    // Not due yet: the relay leaves it alone.
    clock.nowMs += retryDelayMs(1) - 1;
    assert.deepEqual(relay.runOnce(), { published: 0, failed: 0 });
    clock.nowMs += 1;
    assert.deepEqual(relay.runOnce(), { published: 0, failed: 1 });

    broker.stopFailingFor(5);
    clock.nowMs += retryDelayMs(2);
    assert.deepEqual(relay.runOnce(), { published: 1, failed: 0 });
    [event] = store.eventsOf(failing);
    assert.equal(event?.status, "PUBLISHED");
    assert.equal(event?.attempts, 3);
    assert.equal(event?.lastError, null);
  });

  it("doubles the retry delay up to a cap", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 30].map(retryDelayMs),
      [250, 500, 1000, 2000, 4000, 5000, 5000],
    );
  });

  it("runs on an unref'd timer that stop() ends", async () => {
    store = new ShardedOrderStore(1);
    const relay = new OutboxRelay({
      shards: store.shards,
      publisher: new DemoEventBroker(),
      clock: () => new Date(),
    });
    const { id } = store.place(draft(1), Date.now());
    relay.start(5);
    for (let i = 0; i < 100 && store.eventsOf(id)[0]?.status !== "PUBLISHED"; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    relay.stop();
    assert.equal(store.eventsOf(id)[0]?.status, "PUBLISHED");
    const passes = relay.stats().passes;
    await new Promise((resolve) => setTimeout(resolve, 30));
    assert.equal(relay.stats().passes, passes);
  });
});
