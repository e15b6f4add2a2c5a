import type { ArrivalPlan } from "./arrival-plan.ts";

export interface SpikeLoadOptions {
  baseRate: number;
  spikeRate: number;
  /** Time at the base rate before the spike and again after it, to see the recovery. */
  baseSeconds: number;
  spikeSeconds: number;
  /** How fast the spike arrives: a flash sale or push notification is a few seconds. */
  riseSeconds: number;
}

/** Base load, a sudden jump (a push notification, a promotion), then back to base. */
export function spikeLoad(options: SpikeLoadOptions): ArrivalPlan {
  const { baseRate, spikeRate, baseSeconds, spikeSeconds, riseSeconds } = options;
  if (!(spikeRate > baseRate) || !(baseRate > 0)) {
    throw new RangeError(
      `the spike rate must exceed the base rate (> 0): ${spikeRate}, ${baseRate}`,
    );
  }
  return {
    startRate: baseRate,
    stages: [
      { durationSeconds: baseSeconds, target: baseRate },
      { durationSeconds: riseSeconds, target: spikeRate },
      { durationSeconds: spikeSeconds, target: spikeRate },
      { durationSeconds: riseSeconds, target: baseRate },
      { durationSeconds: baseSeconds, target: baseRate },
    ],
  };
}
