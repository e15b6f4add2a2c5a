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
 * The arrivals Artillery sends in each second of a ramp, over all its local workers: each worker
 * gets the rates divided by their number, its rate moves linearly from `arrivalRate` in the
 * first second to `rampTo` in the last, and each second's fraction is handed out as whole
 * arrivals to the first workers (one worker: rounded half up). The same arithmetic, in the same
 * order, as Artillery's phases, so the count is exact.
 */
export function plannedArrivalsPerSecond(phase: RampPhase, workers = 1): number[] {
  const rate = phase.arrivalRate / workers;
  const ramp = phase.rampTo / workers;
  const perWorker =
    phase.duration <= 1
      ? [(ramp + rate) / 2]
      : Array.from(
          { length: phase.duration },
          (_, second) => ((ramp - rate) / (phase.duration - 1)) * second + rate,
        );
  return perWorker.map((raw) => workers * Math.floor(raw) + Math.round((raw % 1) * workers));
}

export function plannedArrivals(phase: RampPhase, workers = 1): number {
  return plannedArrivalsPerSecond(phase, workers).reduce((total, count) => total + count, 0);
}
