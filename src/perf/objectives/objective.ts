import type { ArtilleryPeriod } from "../artillery/artillery-report.ts";
import { flatMetrics } from "../artillery/artillery-report.ts";

/**
 * A service objective over Artillery's metrics: one metric, or a ratio of sums of metrics
 * (an error rate, a share of slow responses), compared with a limit. The same value drives
 * Artillery's `ensure` plugin (the run's exit code) and qaops' own reports.
 */
export interface Objective {
  /** What the reports and the Jira ticket call it, e.g. `eta-precise p95`. */
  name: string;
  measure: Measure;
  comparison: "<" | "<=" | "==" | ">";
  limit: number;
  unit: ObjectiveUnit;
}

export type ObjectiveUnit = "ms" | "ratio" | "count";

export type Measure = { metric: string } | { ratio: { of: string[]; per: string[] } };

/** Artillery's `metrics-by-endpoint` plugin names a request's latency summary this, then its name. */
export const endpointLatencyPrefix = "plugins.metrics-by-endpoint.response_time.";

/** The per-endpoint latency name Artillery's `metrics-by-endpoint` plugin gives a named request. */
export function endpointLatencyMetric(endpoint: string, statistic: string): string {
  return `${endpointLatencyPrefix}${endpoint}.${statistic}`;
}

/** The objective as an `ensure` condition expression (its metric names hashed by the plugin). */
export function ensureExpression(objective: Objective): string {
  return `${measureExpression(objective.measure)} ${objective.comparison} ${objective.limit}`;
}

/** `config.plugins.ensure` for these objectives; every condition strict, so a breach exits 1. */
export function ensureConfig(objectives: readonly Objective[]): {
  conditions: { expression: string; strict: boolean }[];
} {
  return {
    conditions: objectives.map((objective) => ({
      expression: ensureExpression(objective),
      strict: true,
    })),
  };
}

function measureExpression(measure: Measure): string {
  if ("metric" in measure) return measure.metric;
  const sum = (names: string[]) => `(${names.join(" + ")})`;
  return `${sum(measure.ratio.of)} / ${sum(measure.ratio.per)}`;
}

export interface ObjectiveResult {
  name: string;
  comparison: Objective["comparison"];
  limit: number;
  ok: boolean;
  /** Undefined when the run has no such metric (no request reached that endpoint). */
  actual: number | undefined;
  unit: ObjectiveUnit;
}

/** Each objective judged on a period's metrics; a metric the run lacks fails, as in `ensure`. */
export function evaluateObjectives(
  objectives: readonly Objective[],
  period: ArtilleryPeriod,
): ObjectiveResult[] {
  const metrics = flatMetrics(period);
  return objectives.map((objective) => {
    const actual = measureValue(objective.measure, metrics);
    return {
      name: objective.name,
      comparison: objective.comparison,
      limit: objective.limit,
      ok: actual !== undefined && compare(actual, objective.comparison, objective.limit),
      actual,
      unit: objective.unit,
    };
  });
}

function measureValue(measure: Measure, metrics: Map<string, number>): number | undefined {
  if ("metric" in measure) return metrics.get(measure.metric);
  const sum = (names: string[]) => {
    let total = 0;
    for (const name of names) {
      const value = metrics.get(name);
      if (value === undefined) return undefined;
      total += value;
    }
    return total;
  };
  const of = sum(measure.ratio.of);
  const per = sum(measure.ratio.per);
  return of === undefined || per === undefined || per === 0 ? undefined : of / per;
}

function compare(actual: number, comparison: Objective["comparison"], limit: number): boolean {
  switch (comparison) {
    case "<":
      return actual < limit;
    case "<=":
      return actual <= limit;
    case "==":
      return actual === limit;
    case ">":
      return actual > limit;
  }
}
