import type { ArrivalPlan } from "./arrival-plan.ts";

export interface SteadyLoadOptions {
  rate: number;
  /** Time at the rate, after the ramp. */
  holdSeconds: number;
  rampSeconds: number;
}

/** One rate held for a long time (a soak): what leaks, grows or drifts shows up over hours. */
export function steadyLoad(options: SteadyLoadOptions): ArrivalPlan {
  if (!(options.rate > 0)) throw new RangeError(`rate must be above 0, got ${options.rate}`);
  return {
    startRate: 1,
    stages: [
      { durationSeconds: options.rampSeconds, target: options.rate },
      { durationSeconds: options.holdSeconds, target: options.rate },
    ],
  };
}
