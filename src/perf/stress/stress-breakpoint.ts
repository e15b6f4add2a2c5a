import type { ArtilleryPeriod } from "../artillery/artillery-report.ts";
import { holdSegments } from "../load-shape/arrival-plan.ts";
import type { ArrivalPlan, HoldSegment } from "../load-shape/arrival-plan.ts";
import { evaluateObjectives } from "../objectives/objective.ts";
import type { Objective, ObjectiveResult } from "../objectives/objective.ts";

/** Artillery aggregates its metrics over periods of this many seconds. */
const periodSeconds = 10;

export interface StepOutcome {
  /** The planned arrival rate of the step, per second. */
  rate: number;
  fromSecond: number;
  toSecond: number;
  /** Requests per second actually sent during the step; undefined when the run ended before it. */
  achievedRate: number | undefined;
  broken: ObjectiveResult[];
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
  /** Artillery's intermediate reports. */
  periods: readonly ArtilleryPeriod[];
  /** Epoch ms the first phase began: second 0 of the plan. */
  originMs: number;
  objectives: readonly Objective[];
}

/**
 * Each step of a stress run (each stretch the plan holds at one rate) judged on its own against
 * the objectives, so the answer is "held 400/s, broke at 500/s" rather than a whole-run p95 that
 * blends the calm steps with the broken ones. A step is judged on the Artillery periods inside its
 * hold, each on its own (percentiles of separate periods cannot be merged): it broke when an
 * objective broke in any of them. The breakpoint is the lowest rate from which every step broke.
 */
export function findBreakpoint(input: BreakpointInput): StressBreakpoint {
  const steps: StepOutcome[] = [];
  for (const segment of holdSegments(input.plan)) {
    const periods = stepPeriods(segment, input.periods, input.originMs);
    if (periods.length === 0) break;
    const requests = periods.reduce((total, p) => total + (p.counters["http.requests"] ?? 0), 0);
    const broken = new Map<string, ObjectiveResult>();
    for (const period of periods) {
      for (const result of evaluateObjectives(input.objectives, period)) {
        // A period without a sample of an endpoint tells nothing about it.
        if (!result.ok && result.actual !== undefined && !broken.has(result.name)) {
          broken.set(result.name, result);
        }
      }
    }
    steps.push({
      rate: segment.rate,
      fromSecond: segment.fromSecond,
      toSecond: segment.toSecond,
      achievedRate: requests / (periods.length * periodSeconds),
      broken: [...broken.values()],
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

/** The periods wholly inside the step's hold, else those overlapping it by half or more. */
function stepPeriods(
  segment: HoldSegment,
  periods: readonly ArtilleryPeriod[],
  originMs: number,
): ArtilleryPeriod[] {
  const startOf = (p: ArtilleryPeriod) => (Number(p.period ?? 0) - originMs) / 1000;
  const inside = periods.filter(
    (p) => startOf(p) >= segment.fromSecond && startOf(p) + periodSeconds <= segment.toSecond,
  );
  if (inside.length > 0) return inside;
  return periods.filter((p) => {
    const overlap =
      Math.min(startOf(p) + periodSeconds, segment.toSecond) -
      Math.max(startOf(p), segment.fromSecond);
    return overlap >= periodSeconds / 2;
  });
}
