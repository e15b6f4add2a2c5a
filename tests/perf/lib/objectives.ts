import { endpointLatencyMetric } from "../../../src/perf/objectives/objective.ts";
import type { Objective } from "../../../src/perf/objectives/objective.ts";
import { deliveryTrafficMix } from "./traffic-mix.ts";

/** Latency above which a response counts as slow (the processor counts them per endpoint). */
export const slowResponseMs = 100;

const latency = (endpoint: string, statistic: string, below: number): Objective => ({
  name: `${endpoint} ${statistic}`,
  measure: { metric: endpointLatencyMetric(endpoint, statistic) },
  comparison: "<",
  limit: below,
  unit: "ms",
});

/** Failed responses (status 400 and up) and virtual users ended by an error, per request sent. */
export function failedRequests(comparison: Objective["comparison"], limit: number): Objective {
  const of = ["qaops.failed_responses", "vusers.failed"];
  return {
    name: "failed requests",
    measure: { ratio: { of, per: ["http.requests"] } },
    comparison,
    limit,
    unit: "ratio",
  };
}

/** Responses whose status was the expected one, per response. */
export function expectedStatus(comparison: Objective["comparison"], limit: number): Objective {
  const measure = { ratio: { of: ["plugins.expect.ok"], per: ["http.responses"] } };
  return { name: "expected status", measure, comparison, limit, unit: "ratio" };
}

/**
 * The services' objectives per endpoint (each request is named after its endpoint). Artillery's
 * `ensure` plugin fails the run when one is breached, and each is what a Jira ticket is about.
 * Figures come from what the platforms report at peak; where none is published the value is
 * ours and says so.
 */
export const serviceObjectives: Objective[] = [
  // Precise ETA (shop detail page, placed orders): p95 at peak went to 20 ms or less after tuning.
  latency("eta-precise", "p95", 20),
  // Approximate ETA (shop lists, search) sits behind the same caches; held to the same bar.
  latency("eta-approximate", "p95", 20),
  // Recommendations: most responses within 17 ms and only 0.3% over 100 ms. Artillery's
  // summaries stop at p99.9, so the 0.3% is counted directly: the share of slow responses.
  latency("recommendation", "median", 17),
  {
    name: `recommendation share over ${slowResponseMs} ms`,
    measure: {
      ratio: {
        of: ["qaops.slow_responses.recommendation"],
        per: [endpointLatencyMetric("recommendation", "count")],
      },
    },
    comparison: "<",
    limit: 0.003,
    unit: "ratio",
  },
  // Orders: no published latency figure; 100 ms at p95 is our bar for a write to a shard.
  latency("order-create", "p95", 100),
  latency("order-get", "p95", 100),
  latency("order-list", "p95", 100),
  latency("order-cancel", "p95", 100),
  // Errors below 1% across every call, and the expected status nearly always.
  failedRequests("<", 0.01),
  expectedStatus(">", 0.99),
];

/**
 * For one call per endpoint (smoke): a latency figure from one sample is noise on a busy machine,
 * so smoke holds each endpoint only to answering within a second, and every call to succeed.
 */
export const smokeObjectives: Objective[] = [
  ...deliveryTrafficMix.map(({ endpoint }) => latency(endpoint, "max", 1000)),
  failedRequests("==", 0),
  expectedStatus("==", 1),
];
