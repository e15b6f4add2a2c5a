import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { endpointLatencyMetric, ensureConfig, ensureExpression } from "./objective.ts";
import type { Objective } from "./objective.ts";

const p95: Objective = {
  name: "eta-precise p95",
  measure: { metric: endpointLatencyMetric("eta-precise", "p95") },
  comparison: "<",
  limit: 20,
  unit: "ms",
};
const failed: Objective = {
  name: "failed requests",
  measure: { ratio: { of: ["qaops.failed_responses", "vusers.failed"], per: ["http.requests"] } },
  comparison: "<",
  limit: 0.01,
  unit: "ratio",
};

describe("objectives as Artillery ensure conditions", () => {
  it("writes a metric or a ratio of sums as the plugin's expression", () => {
    assert.equal(
      ensureExpression(p95),
      "plugins.metrics-by-endpoint.response_time.eta-precise.p95 < 20",
    );
    assert.equal(
      ensureExpression(failed),
      "(qaops.failed_responses + vusers.failed) / (http.requests) < 0.01",
    );
  });

  it("makes every condition strict, so a breach fails the run", () => {
    assert.deepEqual(
      ensureConfig([p95, failed]).conditions.map((c) => c.strict),
      [true, true],
    );
  });
});
