import { holdSegments } from "../load-shape/arrival-plan.ts";
import type { ArrivalPlan, HoldSegment } from "../load-shape/arrival-plan.ts";
import { LatencyHistogram } from "../metrics/latency-histogram.ts";
import { emptyBucket, mergeBuckets } from "../metrics/metric-timeline.ts";
import type { TimelineBucket } from "../metrics/metric-timeline.ts";
import {
  parseThresholdExpression,
  percentileOf,
  splitMetricKey,
  thresholdHolds,
} from "../summary/threshold-expression.ts";

/** A threshold as the summary names it; the objectives each stress step is held to. */
export interface Objective {
  metricKey: string;
  expression: string;
}

export interface BrokenObjective extends Objective {
  actual: number;
}

export interface StepOutcome {
  /** The planned arrival rate of the step, per second. */
  rate: number;
  fromSecond: number;
  toSecond: number;
  /** Requests per second actually sent during the step; undefined when the run ended before it. */
  achievedRate: number | undefined;
  broken: BrokenObjective[];
}

export interface StressBreakpoint {
  steps: StepOutcome[];
  /** The highest step rate at which the objectives held; undefined if they held at none. */
  lastHeldRate: number | undefined;
  /** The lowest step rate from which every step broke; undefined when the top step held. */
  brokeAtRate: number | undefined;
  /** Rates of steps below the last held one that broke anyway: a transient, not the limit. */
  recoveredRates: number[];
}

export interface BreakpointInput {
  plan: ArrivalPlan;
  buckets: TimelineBucket[];
  objectives: Objective[];
}

/**
 * Each step of a stress run (each stretch the plan holds at one rate) judged on its own against
 * the objectives, so the answer is "held 400/s, broke at 500/s" rather than a whole-run p95 that
 * blends the calm steps with the broken ones. The breakpoint is the lowest rate from which every
 * step broke.
 */
export function findBreakpoint(input: BreakpointInput): StressBreakpoint {
  const steps: StepOutcome[] = [];
  for (const segment of holdSegments(input.plan)) {
    const window = stepWindow(segment, input.buckets);
    if (!window) break;
    const seconds = window.widthSeconds;
    steps.push({
      rate: segment.rate,
      fromSecond: segment.fromSecond,
      toSecond: segment.toSecond,
      achievedRate: window.requests / seconds,
      broken: brokenObjectives(window, input.objectives),
    });
  }
  // A step that breaks while a higher one holds saw a transient (warm-up, a pause elsewhere on
  // the machine); the breakpoint is where the objectives break for good.
  const held = steps.map((step) => step.broken.length === 0);
  const lastHeld = held.lastIndexOf(true);
  return {
    steps,
    lastHeldRate: lastHeld === -1 ? undefined : steps[lastHeld]?.rate,
    brokeAtRate: steps[lastHeld + 1]?.rate,
    recoveredRates: steps
      .slice(0, Math.max(0, lastHeld))
      .flatMap((step, index) => (held[index] ? [] : [step.rate])),
  };
}

/**
 * The step's buckets summed into one: those wholly inside it, else (buckets wider than the step
 * on long runs) those that overlap it by half or more. Undefined when the run sent nothing then.
 */
function stepWindow(segment: HoldSegment, buckets: TimelineBucket[]): TimelineBucket | undefined {
  const end = (b: TimelineBucket) => b.startSecond + b.widthSeconds;
  let chosen = buckets.filter(
    (b) => b.startSecond >= segment.fromSecond && end(b) <= segment.toSecond,
  );
  if (chosen.length === 0) {
    chosen = buckets.filter((b) => {
      const overlap =
        Math.min(end(b), segment.toSecond) - Math.max(b.startSecond, segment.fromSecond);
      return overlap >= b.widthSeconds / 2;
    });
  }
  if (chosen.length === 0 || chosen.every((b) => b.requests === 0)) return undefined;
  const window = emptyBucket(
    chosen[0]?.startSecond ?? segment.fromSecond,
    chosen.reduce((total, b) => total + b.widthSeconds, 0),
  );
  for (const bucket of chosen) mergeBuckets(window, bucket);
  return window;
}

function brokenObjectives(window: TimelineBucket, objectives: Objective[]): BrokenObjective[] {
  const broken: BrokenObjective[] = [];
  for (const objective of objectives) {
    const threshold = parseThresholdExpression(objective.expression);
    if (!threshold) continue;
    const actual = windowValue(window, objective.metricKey, threshold.aggregation);
    if (actual !== undefined && !thresholdHolds(threshold, actual)) {
      broken.push({ ...objective, actual });
    }
  }
  return broken;
}

/** The objective's statistic over the window; undefined for what the timeline does not keep. */
export function windowValue(
  window: TimelineBucket,
  metricKey: string,
  aggregation: string,
): number | undefined {
  const { metric, tags } = splitMetricKey(metricKey);
  const tagNames = Object.keys(tags);
  if (tagNames.some((name) => name !== "endpoint")) return undefined;
  switch (metric) {
    case "http_req_duration":
      return latencyValue(latencyOf(window, tags.endpoint), aggregation);
    case "http_req_failed":
      return aggregation === "rate" && window.requests > 0
        ? window.failedRequests / window.requests
        : undefined;
    case "checks": {
      const total = window.checksPassed + window.checksFailed;
      return aggregation === "rate" && total > 0 ? window.checksPassed / total : undefined;
    }
    case "dropped_iterations":
      return aggregation === "count" ? window.droppedIterations : undefined;
    default:
      return undefined;
  }
}

function latencyOf(window: TimelineBucket, endpoint: string | undefined): LatencyHistogram {
  if (endpoint !== undefined) return window.latency.get(endpoint) ?? new LatencyHistogram();
  const all = new LatencyHistogram();
  for (const histogram of window.latency.values()) all.merge(histogram);
  return all;
}

function latencyValue(histogram: LatencyHistogram, aggregation: string): number | undefined {
  if (histogram.count === 0) return undefined;
  const percent = percentileOf(aggregation);
  if (percent !== undefined) return histogram.percentile(percent);
  switch (aggregation) {
    case "avg":
      return histogram.mean();
    case "min":
      return histogram.min;
    case "max":
      return histogram.max;
    case "count":
      return histogram.count;
    default:
      return undefined;
  }
}
