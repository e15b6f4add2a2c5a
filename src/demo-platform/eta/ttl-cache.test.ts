import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { TtlCache } from "./ttl-cache.ts";

function fakeClock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("TtlCache", () => {
  it("returns what was set until the TTL passes", () => {
    const clock = fakeClock();
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 100, now: clock.now });
    cache.set("a", "alpha");
    clock.advance(99);
    assert.equal(cache.get("a"), "alpha");
    clock.advance(1);
    assert.equal(cache.get("a"), undefined);
    assert.equal(cache.size, 0, "an expired entry is dropped when read");
  });

  it("evicts the least recently used entry beyond maxEntries", () => {
    const cache = new TtlCache<number>({ maxEntries: 2, ttlMs: 1_000, now: fakeClock().now });
    cache.set("a", 1);
    cache.set("b", 2);
    assert.equal(cache.get("a"), 1); // a is now the most recently used
    cache.set("c", 3);
    assert.equal(cache.get("b"), undefined);
    assert.equal(cache.get("a"), 1);
    assert.equal(cache.get("c"), 3);
    assert.equal(cache.size, 2);
  });

  it("restarts the TTL when a key is set again", () => {
    const clock = fakeClock();
    const cache = new TtlCache<string>({ maxEntries: 10, ttlMs: 100, now: clock.now });
    cache.set("a", "old");
    clock.advance(80);
    cache.set("a", "new");
    clock.advance(80);
    assert.equal(cache.get("a"), "new");
  });

  it("rejects bounds that would make it unbounded or useless", () => {
    assert.throws(() => new TtlCache({ maxEntries: 0, ttlMs: 10 }), /maxEntries/);
    assert.throws(() => new TtlCache({ maxEntries: 1.5, ttlMs: 10 }), /maxEntries/);
    assert.throws(() => new TtlCache({ maxEntries: 1, ttlMs: 0 }), /ttlMs/);
  });
});
