import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { shardIndexFor } from "./shard-routing.ts";

describe("shardIndexFor", () => {
  it("routes an order to id modulo the shard count", () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 8, 9].map((id) => shardIndexFor(id, 4)),
      [1, 2, 3, 0, 1, 0, 1],
    );
  });

  it("spreads consecutive ids evenly over the shards", () => {
    const perShard = [0, 0, 0];
    for (let id = 1; id <= 300; id++) perShard[shardIndexFor(id, 3)]! += 1;
    assert.deepEqual(perShard, [100, 100, 100]);
  });

  it("rejects ids and shard counts that cannot route", () => {
    assert.throws(() => shardIndexFor(0, 4), /order id must be a positive integer, got 0/);
    assert.throws(() => shardIndexFor(1.5, 4), /order id/);
    assert.throws(() => shardIndexFor(7, 0), /shard count must be a positive integer, got 0/);
  });
});
