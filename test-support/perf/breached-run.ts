// A small run for the summary and verdict tests: three objectives, the recommendation median
// breached, over an Artillery aggregate shaped like a real one.
import type { ArtilleryPeriod } from "../../src/perf/artillery/artillery-report.ts";
import { endpointLatencyMetric } from "../../src/perf/objectives/objective.ts";
import type { LoadTest } from "../../src/perf/scenario/load-test.ts";

export const breachedLoadTest: LoadTest = {
  scenario: "smoke",
  profile: "iterations",
  phases: [],
  objectives: [
    {
      name: "eta-precise p95",
      measure: { metric: endpointLatencyMetric("eta-precise", "p95") },
      comparison: "<",
      limit: 20,
      unit: "ms",
    },
    {
      name: "recommendation median",
      measure: { metric: endpointLatencyMetric("recommendation", "median") },
      comparison: "<",
      limit: 17,
      unit: "ms",
    },
    {
      name: "failed requests",
      measure: {
        ratio: { of: ["qaops.failed_responses", "vusers.failed"], per: ["http.requests"] },
      },
      comparison: "<",
      limit: 0.01,
      unit: "ratio",
    },
  ],
  script: {},
};

const latency = (median: number, p95: number) => ({
  min: 1,
  max: p95 * 2,
  count: 50,
  mean: median,
  p50: median,
  median,
  p75: median,
  p90: p95,
  p95,
  p99: p95 * 1.5,
  p999: p95 * 2,
});

export function breachedPeriod(options: { recommendationMedian?: number } = {}): ArtilleryPeriod {
  return {
    period: 1796633260000,
    firstMetricAt: 1796633260000,
    lastMetricAt: 1796633270000,
    counters: {
      "http.requests": 100,
      "http.responses": 100,
      "qaops.failed_responses": 0,
      "vusers.failed": 0,
      "vusers.created": 100,
    },
    summaries: {
      [`plugins.metrics-by-endpoint.response_time.eta-precise`]: latency(3, 8),
      [`plugins.metrics-by-endpoint.response_time.recommendation`]: latency(
        options.recommendationMedian ?? 42,
        60,
      ),
    },
  };
}
