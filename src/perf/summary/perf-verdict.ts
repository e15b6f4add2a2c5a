// Runs inside k6 as well as Node: no imports beyond src/perf's k6-safe folders.
import type { K6Group, K6MetricSummary, PerfSummary } from "./k6-summary-data.ts";
import { parseThresholdExpression, splitMetricKey } from "./threshold-expression.ts";

export type MetricUnit = "ms" | "ratio" | "count" | "bytes";

export interface ThresholdResult {
  /** The metric as the threshold names it, tags included: `http_req_duration{endpoint:x}`. */
  metricKey: string;
  expression: string;
  ok: boolean;
  /** The value the expression compared, when the summary carries it. */
  actual: number | undefined;
  unit: MetricUnit;
}

export interface CheckResult {
  /** Group path and check name, e.g. `order › status is 201`. */
  name: string;
  passes: number;
  fails: number;
}

export interface TrafficTotals {
  requests: number;
  requestsPerSecond: number;
  failedRatio: number;
  iterations: number;
  droppedIterations: number;
  maxVus: number;
  durationSeconds: number;
}

export interface EndpointLatency {
  endpoint: string;
  requests: number;
  /** Milliseconds; undefined when the summary does not carry that statistic. */
  med: number | undefined;
  p95: number | undefined;
  p99: number | undefined;
  max: number | undefined;
}

/** Everything the reports say about one run, computed once from its summary. */
export interface PerfVerdict {
  scenario: string;
  passed: boolean;
  thresholds: ThresholdResult[];
  checks: CheckResult[];
  traffic: TrafficTotals;
  endpoints: EndpointLatency[];
}

export function perfVerdict(summary: PerfSummary): PerfVerdict {
  const thresholds = thresholdResults(summary.k6.metrics);
  return {
    scenario: summary.scenario,
    passed: thresholds.every((threshold) => threshold.ok),
    thresholds,
    checks: checkResults(summary.k6.root_group),
    traffic: trafficTotals(summary),
    endpoints: endpointLatencies(summary.k6.metrics),
  };
}

export function failedThresholds(verdict: PerfVerdict): ThresholdResult[] {
  return verdict.thresholds.filter((threshold) => !threshold.ok);
}

function thresholdResults(metrics: Record<string, K6MetricSummary>): ThresholdResult[] {
  const results: ThresholdResult[] = [];
  for (const [metricKey, metric] of Object.entries(metrics)) {
    for (const [expression, outcome] of Object.entries(metric.thresholds ?? {})) {
      const parsed = parseThresholdExpression(expression);
      // A submetric that saw no request reports zeros; "no data" is the truth, not 0 ms.
      const empty = metric.type === "trend" && metric.values.count === 0;
      results.push({
        metricKey,
        expression,
        ok: outcome.ok,
        actual: parsed && !empty ? metric.values[parsed.aggregation] : undefined,
        unit: unitOf(metric, parsed?.aggregation),
      });
    }
  }
  return results.sort(
    (a, b) => Number(a.ok) - Number(b.ok) || a.metricKey.localeCompare(b.metricKey),
  );
}

function unitOf(metric: K6MetricSummary, aggregation: string | undefined): MetricUnit {
  if (metric.type === "rate" && aggregation === "rate") return "ratio";
  if (aggregation === "count") return "count";
  if (metric.contains === "time") return "ms";
  if (metric.contains === "data") return "bytes";
  return "count";
}

function checkResults(group: K6Group, parents: string[] = []): CheckResult[] {
  const path = group.name ? [...parents, group.name] : parents;
  return [
    ...group.checks.map((check) => ({
      name: [...path, check.name].join(" › "),
      passes: check.passes,
      fails: check.fails,
    })),
    ...group.groups.flatMap((child) => checkResults(child, path)),
  ];
}

function trafficTotals(summary: PerfSummary): TrafficTotals {
  const value = (metric: string, stat: string) => summary.k6.metrics[metric]?.values[stat] ?? 0;
  return {
    requests: value("http_reqs", "count"),
    requestsPerSecond: value("http_reqs", "rate"),
    failedRatio: value("http_req_failed", "rate"),
    iterations: value("iterations", "count"),
    droppedIterations: value("dropped_iterations", "count"),
    maxVus: value("vus_max", "max") || value("vus_max", "value"),
    durationSeconds: (summary.k6.state?.testRunDurationMs ?? 0) / 1000,
  };
}

/** One row per `http_req_duration{endpoint:…}` submetric (scenarios declare one per endpoint). */
function endpointLatencies(metrics: Record<string, K6MetricSummary>): EndpointLatency[] {
  const rows: EndpointLatency[] = [];
  for (const [key, metric] of Object.entries(metrics)) {
    const { metric: name, tags } = splitMetricKey(key);
    const endpoint = tags.endpoint;
    const isEndpointLatency =
      name === "http_req_duration" && endpoint !== undefined && Object.keys(tags).length === 1;
    if (!isEndpointLatency || !metric.values.count) continue;
    rows.push({
      endpoint,
      requests: metric.values.count ?? 0,
      med: metric.values.med,
      p95: metric.values["p(95)"],
      p99: metric.values["p(99)"],
      max: metric.values.max,
    });
  }
  return rows.sort((a, b) => b.requests - a.requests || a.endpoint.localeCompare(b.endpoint));
}
