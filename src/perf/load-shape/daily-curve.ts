import { splitSeconds } from "./arrival-plan.ts";
import type { ArrivalPlan } from "./arrival-plan.ts";

/**
 * A delivery platform's day as a share of its peak, hour by hour from midnight: quiet before
 * dawn, steep at lunch (12:00, the peak) and dinner (18:00), a long evening tail. The shape
 * follows what delivery platforms report of their traffic; the exact values are ours.
 */
export const hourlyShareOfPeak: readonly number[] = [
  0.3, 0.18, 0.1, 0.06, 0.04, 0.05, 0.08, 0.15, 0.22, 0.3, 0.48, 0.85, 1.0, 0.72, 0.42, 0.35, 0.45,
  0.75, 0.96, 0.9, 0.66, 0.52, 0.43, 0.36,
];

export interface DailyCurveOptions {
  /** Iterations per second at the lunch peak. */
  peakRate: number;
  /** How long the whole 24-hour day lasts in the run; at least 24 s (one per hour). */
  durationSeconds: number;
  /** The curve never drops below this rate, so the quiet hours still send something. */
  minRate?: number;
}

/**
 * The day compressed into one run: each hour becomes an equal stage (whole seconds, adding up to
 * the duration exactly) that ramps linearly to the next hour's rate, ending back at midnight.
 */
export function compressDailyCurve(options: DailyCurveOptions): ArrivalPlan {
  const { peakRate, durationSeconds } = options;
  if (!(peakRate > 0)) throw new RangeError(`peak rate must be above 0, got ${peakRate}`);
  if (!Number.isInteger(durationSeconds) || durationSeconds < hourlyShareOfPeak.length) {
    throw new RangeError(`a day needs at least 24 whole seconds, got ${durationSeconds}`);
  }
  const floor = options.minRate ?? 1;
  const rateAtHour = (hour: number) =>
    Math.max(floor, Math.round(peakRate * (hourlyShareOfPeak[hour % 24] ?? 0)));
  const hourSeconds = splitSeconds(durationSeconds, 24);
  return {
    startRate: rateAtHour(0),
    stages: hourSeconds.map((seconds, hour) => ({
      durationSeconds: seconds,
      target: rateAtHour(hour + 1),
    })),
  };
}
