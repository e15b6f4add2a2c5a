import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import {
  IdempotencyStore,
  isValidIdempotencyKey,
  requestFingerprint,
} from "./idempotency-store.ts";

describe("requestFingerprint", () => {
  it("ignores the order of object keys but not values or array order", () => {
    const a = requestFingerprint({ memberId: 1, items: [{ menuItemId: 2, quantity: 1 }] });
    const b = requestFingerprint({ items: [{ quantity: 1, menuItemId: 2 }], memberId: 1 });
    assert.equal(a, b);
    assert.notEqual(
      a,
      requestFingerprint({ memberId: 1, items: [{ menuItemId: 2, quantity: 2 }] }),
    );
    assert.notEqual(requestFingerprint({ items: [1, 2] }), requestFingerprint({ items: [2, 1] }));
  });
});

describe("IdempotencyStore", () => {
  let store: IdempotencyStore;
  afterEach(() => store.close());
  const response = { status: 201, body: { id: 9 }, headers: { location: "/v1/orders/9" } };

  it("replays the recorded response for the same key and request", () => {
    store = new IdempotencyStore(1_000);
    assert.deepEqual(store.lookup("k1", "f1", 0), { kind: "first-use" });
    store.record("k1", "f1", response, 0);
    assert.deepEqual(store.lookup("k1", "f1", 500), { kind: "replay", response });
    assert.deepEqual(store.lookup("k1", "f2", 500), { kind: "key-reused-with-other-request" });
  });

  it("forgets a key after its time to live", () => {
    store = new IdempotencyStore(1_000);
    store.record("k1", "f1", response, 0);
    assert.deepEqual(store.lookup("k1", "f2", 1_001), { kind: "first-use" });
    store.purgeExpired(1_001);
    assert.deepEqual(store.lookup("k1", "f1", 0), { kind: "first-use" });
  });

  it("accepts 1 to 255 visible ASCII characters as a key", () => {
    assert.ok(isValidIdempotencyKey("3f2c1a9e-order-retry"));
    for (const bad of ["", "with space", "ключ", "x".repeat(256)]) {
      assert.equal(isValidIdempotencyKey(bad), false, bad);
    }
  });
});
