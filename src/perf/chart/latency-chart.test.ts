import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compressDailyCurve } from "../load-shape/daily-curve.ts";
import { MetricTimeline } from "../metrics/metric-timeline.ts";
import { formatElapsed, niceCeiling } from "./chart-scale.ts";
import { renderLatencyChart } from "./latency-chart.ts";

function sampleTimeline() {
  const timeline = new MetricTimeline();
  const t0 = Date.parse("2026-11-22T03:00:00Z");
  for (let second = 0; second < 48; second++) {
    for (const endpoint of ["eta-precise", "recommendation"]) {
      const time = t0 + second * 1000;
      const tags = { scenario: "daily-peak", endpoint };
      timeline.record({ metric: "http_req_duration", time, value: second === 30 ? 80 : 4, tags });
    }
  }
  timeline.record({
    metric: "dropped_iterations",
    time: t0 + 30_000,
    value: 1,
    tags: { scenario: "daily-peak" },
  });
  return timeline.buckets();
}

describe("renderLatencyChart", () => {
  const svg = renderLatencyChart({
    title: "daily-peak <nightly> & more",
    buckets: sampleTimeline(),
    plan: compressDailyCurve({ peakRate: 300, durationSeconds: 48 }),
    objectives: [
      { metricKey: "http_req_duration{endpoint:eta-precise}", expression: "p(95)<20" },
      { metricKey: "http_req_duration{endpoint:recommendation}", expression: "med<17" },
    ],
  });

  it("is one SVG document with an escaped title", () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.ok(svg.includes("daily-peak &lt;nightly&gt; &amp; more"));
  });

  it("draws the planned curve, the achieved rate and one p95 line per endpoint", () => {
    const lines = svg.match(/<polyline /g) ?? [];
    assert.equal(lines.length, 4, "planned, achieved, eta-precise, recommendation");
    assert.ok(svg.includes('stroke-dasharray="6 4"'), "the planned curve is dashed");
    assert.ok(svg.includes(">p95 eta-precise<") && svg.includes(">p95 recommendation<"));
  });

  it("marks dropped iterations and draws p95 objectives only", () => {
    assert.match(svg, /<title>1 dropped iterations<\/title>/);
    assert.ok(svg.includes("p95 objective 20 ms"));
    assert.ok(!svg.includes("objective 17"), "a median objective is not a p95 line");
  });

  it("scales the latency axis to the worst p95, so a spike is visible", () => {
    assert.ok(svg.includes(">100</text>"), "80 ms rounds up to a 100 ms axis");
  });

  it("says so when there is nothing to draw", () => {
    assert.ok(renderLatencyChart({ title: "empty", buckets: [] }).includes("no samples recorded"));
  });
});

describe("chart scales", () => {
  it("rounds axis tops to 1, 2 or 5 × 10^n", () => {
    assert.deepEqual([0.7, 3, 19, 20, 201, 999].map(niceCeiling), [1, 5, 20, 20, 500, 1000]);
  });

  it("labels elapsed time compactly", () => {
    assert.deepEqual([45, 125, 3725].map(formatElapsed), ["45s", "2:05", "1:02:05"]);
  });
});
