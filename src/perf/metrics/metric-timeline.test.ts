import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { MetricPoint } from "./metric-point.ts";
import { MetricTimeline } from "./metric-timeline.ts";

const start = Date.parse("2026-11-22T03:00:00Z");

function point(
  metric: string,
  second: number,
  value: number,
  tags: Record<string, string> = {},
): MetricPoint {
  return { metric, time: start + second * 1000, value, tags: { scenario: "s", ...tags } };
}

describe("MetricTimeline", () => {
  it("starts at the first scenario sample; setup's samples (no scenario tag) are not part of it", () => {
    const timeline = new MetricTimeline();
    timeline.record({
      metric: "http_req_duration",
      time: start - 5000,
      value: 9,
      tags: { endpoint: "health" },
    });
    timeline.record(point("http_req_duration", 0, 2, { endpoint: "eta-precise" }));
    timeline.record(point("http_req_duration", 1.5, 4, { endpoint: "eta-precise" }));
    assert.equal(timeline.originMs, start);
    const buckets = timeline.buckets();
    assert.deepEqual(
      buckets.map((b) => [b.startSecond, b.requests]),
      [
        [0, 1],
        [1, 1],
      ],
    );
    assert.equal(buckets[0]?.latency.has("health"), false);
  });

  it("counts requests, failures, iterations, drops, checks and VUs per bucket", () => {
    const timeline = new MetricTimeline();
    timeline.record(point("http_req_duration", 0.1, 5));
    timeline.record(point("http_req_failed", 0.1, 1));
    timeline.record(point("http_req_failed", 0.2, 0));
    timeline.record(point("iterations", 0.3, 1));
    timeline.record(point("dropped_iterations", 0.4, 2));
    timeline.record(point("checks", 0.5, 1));
    timeline.record(point("checks", 0.6, 0));
    timeline.record(point("vus", 0.7, 12));
    const [bucket] = timeline.buckets();
    assert.ok(bucket);
    assert.deepEqual(
      [bucket.requests, bucket.failedRequests, bucket.iterations, bucket.droppedIterations],
      [1, 1, 1, 2],
    );
    assert.deepEqual([bucket.checksPassed, bucket.checksFailed, bucket.maxVus], [1, 1, 12]);
    assert.equal(bucket.latency.get("other")?.count, 1);
  });

  it("puts a late sample in the bucket of its own time", () => {
    const timeline = new MetricTimeline();
    timeline.record(point("http_req_duration", 0, 1));
    timeline.record(point("http_req_duration", 3.2, 1));
    timeline.record(point("http_req_duration", 1.1, 1));
    assert.deepEqual(
      timeline.buckets().map((b) => b.startSecond),
      [0, 1, 3],
    );
  });

  it("doubles the bucket width when the run outgrows the bucket budget, keeping every sample", () => {
    const timeline = new MetricTimeline({ maxBuckets: 10 });
    for (let second = 0; second < 35; second++) {
      timeline.record(point("http_req_duration", second + 0.5, second, { endpoint: "x" }));
      timeline.record(point("iterations", second + 0.5, 1));
    }
    const buckets = timeline.buckets();
    assert.ok(buckets.length <= 10);
    assert.ok(buckets.every((b) => b.widthSeconds === 4));
    assert.equal(
      buckets.reduce((sum, b) => sum + b.requests, 0),
      35,
    );
    assert.equal(
      buckets.reduce((sum, b) => sum + b.iterations, 0),
      35,
    );
    assert.equal(buckets[1]?.latency.get("x")?.min, 4);
    assert.equal(buckets[1]?.latency.get("x")?.max, 7);
  });
});
