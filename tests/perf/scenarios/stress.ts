// Stress: a staircase of arrival rates until the objectives break. Each step is judged on its
// own after the run (breakpoint.json, summary.md): "held N/s, broke at M/s".
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

/**
 * Past the breakpoint there is nothing more to learn: the run stops once the objectives have
 * failed for the whole run so far (checked after a delay, so a slow start does not end it).
 */
const abortWhenBroken = Object.fromEntries(
  Object.entries(loadObjectives).map(([metric, expressions]) => [
    metric,
    expressions.map((threshold) => ({ threshold, abortOnFail: true, delayAbortEval: "20s" })),
  ]),
);

export const options: Options = {
  scenarios: { stress: arrivalRateScenario(plan) },
  thresholds: abortWhenBroken,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default deliveryTrafficIteration;

export const handleSummary = summaryOutputs({ scenario: "stress", profile: "steps", plan });
