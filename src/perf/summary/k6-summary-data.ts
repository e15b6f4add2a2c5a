// Runs inside k6 as well as Node: types only.
import type { ArrivalPlan } from "../load-shape/arrival-plan.ts";

/** The value k6 hands to `handleSummary` (its classic, non-machine-readable shape). */
export interface K6SummaryData {
  metrics: Record<string, K6MetricSummary>;
  root_group: K6Group;
  state?: { testRunDurationMs?: number };
}

export interface K6MetricSummary {
  type: "counter" | "gauge" | "rate" | "trend";
  /** `time` values are milliseconds; `data` values are bytes. */
  contains: "default" | "time" | "data";
  values: Record<string, number>;
  /** Keyed by the threshold's expression, e.g. `p(95)<20`. */
  thresholds?: Record<string, { ok: boolean }>;
}

export interface K6Group {
  name: string;
  path: string;
  groups: K6Group[];
  checks: K6Check[];
}

export interface K6Check {
  name: string;
  path: string;
  passes: number;
  fails: number;
}

/** The shape of load a scenario applies; `steps` runs get a breakpoint analysis. */
export type LoadProfile = "iterations" | "daily-curve" | "spike" | "steps" | "steady";

/** What a scenario's `handleSummary` writes as `summary.json`: k6's data and what it planned. */
export interface PerfSummary {
  scenario: string;
  profile: LoadProfile;
  /** Absent for scenarios that count iterations instead of following a rate (smoke). */
  plan?: ArrivalPlan;
  k6: K6SummaryData;
}
