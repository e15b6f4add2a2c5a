import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  parseThresholdExpression,
  percentileOf,
  splitMetricKey,
  thresholdHolds,
} from "./threshold-expression.ts";

describe("threshold expressions", () => {
  it("reads the aggregations k6 thresholds use", () => {
    assert.deepEqual(parseThresholdExpression("p(95)<20"), {
      aggregation: "p(95)",
      operator: "<",
      bound: 20,
    });
    assert.deepEqual(parseThresholdExpression("p(99.7) < 100"), {
      aggregation: "p(99.7)",
      operator: "<",
      bound: 100,
    });
    assert.deepEqual(parseThresholdExpression("count==0"), {
      aggregation: "count",
      operator: "==",
      bound: 0,
    });
    assert.deepEqual(parseThresholdExpression("rate>=0.99"), {
      aggregation: "rate",
      operator: ">=",
      bound: 0.99,
    });
    assert.equal(parseThresholdExpression("p95<20"), undefined);
  });

  it("compares like k6", () => {
    const below20 = parseThresholdExpression("p(95)<20");
    assert.ok(below20);
    assert.equal(thresholdHolds(below20, 19.9), true);
    assert.equal(thresholdHolds(below20, 20), false);
    const none = parseThresholdExpression("count==0");
    assert.ok(none);
    assert.equal(thresholdHolds(none, 0), true);
    assert.equal(thresholdHolds(none, 1), false);
  });

  it("knows which percentile an aggregation names", () => {
    assert.equal(percentileOf("med"), 50);
    assert.equal(percentileOf("p(99.7)"), 99.7);
    assert.equal(percentileOf("avg"), undefined);
  });

  it("splits a submetric into its metric and tags", () => {
    assert.deepEqual(splitMetricKey("http_req_duration{endpoint:eta-precise}"), {
      metric: "http_req_duration",
      tags: { endpoint: "eta-precise" },
    });
    assert.deepEqual(splitMetricKey("http_req_failed"), { metric: "http_req_failed", tags: {} });
  });
});
