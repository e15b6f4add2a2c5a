import type { ArrivalPlan } from "./arrival-plan.ts";

/** An Artillery load phase that ramps (or holds, when both rates match) for whole seconds. */
export interface RampPhase {
  name: string;
  duration: number;
  arrivalRate: number;
  rampTo: number;
}

/**
 * The plan as Artillery phases, one per stage. Every phase is a ramp, even a flat one: Artillery
 * then plans each second's arrivals itself, which `plannedArrivals` reproduces exactly.
 */
export function artilleryPhases(plan: ArrivalPlan): RampPhase[] {
  const phases: RampPhase[] = [];
  let rate = plan.startRate;
  for (const [index, stage] of plan.stages.entries()) {
    if (stage.durationSeconds > 0) {
      phases.push({
        name: `stage ${index + 1}: ${rate} → ${stage.target}/s`,
        duration: stage.durationSeconds,
        arrivalRate: rate,
        rampTo: stage.target,
      });
    }
    rate = stage.target;
  }
  return phases;
}

/**
 * The arrivals Artillery sends in each second of a ramp: the rate moves linearly from
 * `arrivalRate` in the first second to `rampTo` in the last, rounded down per second.
 */
export function plannedArrivalsPerSecond(phase: RampPhase): number[] {
  const { duration, arrivalRate, rampTo } = phase;
  if (duration <= 1) return [Math.floor((arrivalRate + rampTo) / 2)];
  const step = (rampTo - arrivalRate) / (duration - 1);
  return Array.from({ length: duration }, (_, second) => Math.floor(step * second + arrivalRate));
}

export function plannedArrivals(phase: RampPhase): number {
  return plannedArrivalsPerSecond(phase).reduce((total, count) => total + count, 0);
}
