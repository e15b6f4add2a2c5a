// Soak: one steady rate overnight. Leaks, growing queues and caches that never evict show up
// over hours, not minutes.
import type { Options } from "k6/options";
import { steadyLoad } from "../../../src/perf/load-shape/steady-load.ts";
import { deliveryTrafficIteration } from "../lib/delivery-traffic.ts";
import { loadObjectives, summaryTrendStats } from "../lib/objectives.ts";
import { arrivalRateScenario } from "../lib/profiles.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";
import { summaryOutputs } from "../lib/summary-outputs.ts";
import { assertTargetsHealthy } from "../lib/target-health.ts";

const durationSeconds = envDurationSeconds("PERF_DURATION", "8h");
const rampSeconds = Math.min(120, Math.max(1, Math.round(durationSeconds * 0.05)));
const plan = steadyLoad({
  rate: envNumber("PERF_PEAK_RATE", 100, { min: 1 }),
  rampSeconds,
  holdSeconds: Math.max(1, durationSeconds - rampSeconds),
});

export const options: Options = {
  scenarios: { soak: arrivalRateScenario(plan) },
  thresholds: loadObjectives,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default deliveryTrafficIteration;

export const handleSummary = summaryOutputs({ scenario: "soak", profile: "steady", plan });
