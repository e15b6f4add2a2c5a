// Stress: a staircase of arrival rates past the point where the objectives break. Each step is
// judged on its own after the run (breakpoint.json, summary.md): "held N/s, broke at M/s". The
// run climbs every step (no abort): the steps above the breakpoint show how it degrades, and the
// VU pool (PERF_MAX_VUS) bounds the load however slow the target gets.
import type { Options } from "k6/options";
import { stepLoad } from "../../../src/perf/load-shape/step-load.ts";
import { deliveryTrafficIteration } from "../lib/delivery-traffic.ts";
import { loadObjectives, summaryTrendStats } from "../lib/objectives.ts";
import { arrivalRateScenario } from "../lib/profiles.ts";
import { envDurationSeconds, envInteger, envNumber } from "../lib/settings.ts";
import { summaryOutputs } from "../lib/summary-outputs.ts";
import { assertTargetsHealthy } from "../lib/target-health.ts";

const startRate = envNumber("PERF_START_RATE", 100, { min: 1 });
const peakRate = envNumber("PERF_PEAK_RATE", 1500, { min: startRate });
const steps = envInteger("PERF_STEPS", 10, { min: 1 });
// A step needs a few seconds at its rate to be judged: 30 s each with the defaults, 4 s at least.
const stepSeconds = Math.max(4, Math.floor(envDurationSeconds("PERF_DURATION", "5m") / steps));
const rampSeconds = Math.max(1, Math.round(stepSeconds / 6));
const plan = stepLoad({
  startRate,
  stepRate: steps > 1 ? Math.max(1, Math.round((peakRate - startRate) / (steps - 1))) : 1,
  steps,
  rampSeconds,
  holdSeconds: stepSeconds - rampSeconds,
});

export const options: Options = {
  scenarios: { stress: arrivalRateScenario(plan) },
  thresholds: loadObjectives,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default deliveryTrafficIteration;

export const handleSummary = summaryOutputs({ scenario: "stress", profile: "steps", plan });
