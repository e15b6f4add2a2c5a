import type { ArrivalPlan } from "./arrival-plan.ts";

export interface StepLoadOptions {
  startRate: number;
  /** Added to the rate at each step. */
  stepRate: number;
  steps: number;
  /** How long each step holds its rate, after its ramp. */
  holdSeconds: number;
  /** How long the move up to each step takes; short, so nearly all time is spent holding. */
  rampSeconds: number;
}

/**
 * A staircase for stress runs: ramp, hold, ramp higher, hold, … Each hold is long enough to read
 * the objectives at that rate; the analysis names the first step where they broke.
 */
export function stepLoad(options: StepLoadOptions): ArrivalPlan {
  const { startRate, stepRate, steps, holdSeconds, rampSeconds } = options;
  if (!(startRate > 0) || !(stepRate > 0)) {
    throw new RangeError(`start and step rates must be above 0, got ${startRate} and ${stepRate}`);
  }
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`steps must be ≥ 1, got ${steps}`);
  const stages: ArrivalPlan["stages"] = [];
  for (let step = 0; step < steps; step++) {
    const rate = startRate + step * stepRate;
    stages.push({ durationSeconds: rampSeconds, target: rate });
    stages.push({ durationSeconds: holdSeconds, target: rate });
  }
  return { startRate: 1, stages };
}
