import type { ArtilleryPeriod } from "../artillery/artillery-report.ts";
import type { ArrivalCheck } from "../arrivals/arrival-shortfall.ts";
import { saturationMessage } from "../arrivals/arrival-shortfall.ts";
import type { ArrivalPlan } from "../load-shape/arrival-plan.ts";
import type { RampPhase } from "../load-shape/artillery-phases.ts";
import { endpointLatencyPrefix, evaluateObjectives } from "../objectives/objective.ts";
import type { ObjectiveResult } from "../objectives/objective.ts";
import type { LoadProfile, LoadTest } from "../scenario/load-test.ts";

export interface TrafficTotals {
  requests: number;
  requestsPerSecond: number;
  failedRatio: number;
  arrivals: number;
  durationSeconds: number;
}

export interface EndpointLatency {
  endpoint: string;
  requests: number;
  /** Milliseconds; undefined when the report does not carry that statistic. */
  median: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
}

/**
 * Everything the reports say about one run, computed once when it ends and kept as
 * `summary.json`: the objectives, the generator's arrivals against the plan, the traffic.
 */
export interface PerfSummary {
  scenario: string;
  profile: LoadProfile;
  plan?: ArrivalPlan;
  phases: RampPhase[];
  /** Objectives held and the generator kept the planned arrivals. */
  passed: boolean;
  objectives: ObjectiveResult[];
  arrivals?: ArrivalCheck;
  /** Set when the generator fell short: a verdict about the generator, not the service. */
  saturation?: string;
  traffic: TrafficTotals;
  endpoints: EndpointLatency[];
}

export function perfSummary(input: {
  loadTest: LoadTest;
  aggregate: ArtilleryPeriod;
  arrivals?: ArrivalCheck;
}): PerfSummary {
  const { loadTest, aggregate } = input;
  const objectives = evaluateObjectives(loadTest.objectives, aggregate);
  const saturation = input.arrivals && saturationMessage(input.arrivals);
  return {
    scenario: loadTest.scenario,
    profile: loadTest.profile,
    ...(loadTest.plan ? { plan: loadTest.plan } : {}),
    phases: loadTest.phases,
    passed: objectives.every((objective) => objective.ok) && !saturation,
    objectives,
    ...(input.arrivals ? { arrivals: input.arrivals } : {}),
    ...(saturation ? { saturation } : {}),
    traffic: trafficTotals(aggregate),
    endpoints: endpointLatencies(aggregate),
  };
}

export function failedObjectives(summary: PerfSummary): ObjectiveResult[] {
  return summary.objectives.filter((objective) => !objective.ok);
}

function trafficTotals(aggregate: ArtilleryPeriod): TrafficTotals {
  const counter = (name: string) => aggregate.counters[name] ?? 0;
  const durationSeconds =
    aggregate.firstMetricAt !== undefined && aggregate.lastMetricAt !== undefined
      ? (aggregate.lastMetricAt - aggregate.firstMetricAt) / 1000
      : 0;
  const requests = counter("http.requests");
  return {
    requests,
    requestsPerSecond: durationSeconds > 0 ? requests / durationSeconds : 0,
    failedRatio:
      requests > 0 ? (counter("qaops.failed_responses") + counter("vusers.failed")) / requests : 0,
    arrivals: counter("vusers.created"),
    durationSeconds,
  };
}

/** One row per named request, from Artillery's `metrics-by-endpoint` summaries. */
function endpointLatencies(aggregate: ArtilleryPeriod): EndpointLatency[] {
  return Object.entries(aggregate.summaries)
    .filter(([name, stats]) => name.startsWith(endpointLatencyPrefix) && (stats.count ?? 0) > 0)
    .map(([name, stats]) => ({
      endpoint: name.slice(endpointLatencyPrefix.length),
      requests: stats.count ?? 0,
      median: stats.median,
      p95: stats.p95,
      p99: stats.p99,
      max: stats.max,
    }))
    .sort((a, b) => b.requests - a.requests || a.endpoint.localeCompare(b.endpoint));
}
