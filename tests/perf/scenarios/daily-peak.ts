// Daily peak: a delivery platform's 24 hours (quiet night, lunch and dinner peaks) compressed
// into one run at a realistic mix of order, ETA and recommendation calls.
import type { Options } from "k6/options";
import { compressDailyCurve } from "../../../src/perf/load-shape/daily-curve.ts";
import { deliveryTrafficIteration } from "../lib/delivery-traffic.ts";
import { loadObjectives, summaryTrendStats } from "../lib/objectives.ts";
import { arrivalRateScenario } from "../lib/profiles.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";
import { summaryOutputs } from "../lib/summary-outputs.ts";
import { assertTargetsHealthy } from "../lib/target-health.ts";

const plan = compressDailyCurve({
  peakRate: envNumber("PERF_PEAK_RATE", 300, { min: 1 }),
  durationSeconds: envDurationSeconds("PERF_DURATION", "10m"),
});

export const options: Options = {
  scenarios: { "daily-peak": arrivalRateScenario(plan) },
  thresholds: loadObjectives,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default deliveryTrafficIteration;

export const handleSummary = summaryOutputs({
  scenario: "daily-peak",
  profile: "daily-curve",
  plan,
});
