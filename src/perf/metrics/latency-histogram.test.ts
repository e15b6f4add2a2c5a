import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LatencyHistogram } from "./latency-histogram.ts";

/** The exact percentile of a sorted list, nearest-rank. */
function exactPercentile(sorted: number[], percent: number): number {
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? NaN;
}

/** A seeded PRNG, so a failure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 4_294_967_296;
    return state / 4_294_967_296;
  };
}

describe("LatencyHistogram", () => {
  it("reads percentiles within 2% of the exact value over a long-tailed sample", () => {
    const random = lcg(7);
    const values = Array.from({ length: 20_000 }, () => 0.3 + -Math.log(1 - random()) * 5);
    const histogram = new LatencyHistogram();
    for (const value of values) histogram.record(value);
    const sorted = [...values].sort((a, b) => a - b);
    for (const percent of [50, 90, 95, 99, 99.7]) {
      const exact = exactPercentile(sorted, percent);
      const read = histogram.percentile(percent) ?? NaN;
      assert.ok(Math.abs(read - exact) / exact <= 0.02, `p(${percent}) ${read} vs ${exact}`);
    }
    assert.equal(histogram.percentile(100), sorted.at(-1));
    assert.equal(histogram.count, values.length);
  });

  it("keeps exact count, sum, min and max, and merges by adding", () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    for (const value of [1, 2, 3]) a.record(value);
    for (const value of [10, 20]) b.record(value);
    a.merge(b);
    assert.equal(a.count, 5);
    assert.equal(a.mean(), 36 / 5);
    assert.equal(a.min, 1);
    assert.equal(a.max, 20);
    assert.ok(Math.abs((a.percentile(80) ?? 0) - 10) / 10 <= 0.02);
  });

  it("has no percentile when empty, and handles zero durations", () => {
    const histogram = new LatencyHistogram();
    assert.equal(histogram.percentile(95), undefined);
    assert.equal(histogram.mean(), undefined);
    histogram.record(0);
    assert.equal(histogram.percentile(50), 0);
  });
});
