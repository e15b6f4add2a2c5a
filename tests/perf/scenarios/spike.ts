// Spike: steady traffic, a sudden jump (a push notification, a promotion at lunch), and back:
// does the platform absorb it, and does it recover once the spike is gone?
import type { Options } from "k6/options";
import { spikeLoad } from "../../../src/perf/load-shape/spike-load.ts";
import { deliveryTrafficIteration } from "../lib/delivery-traffic.ts";
import { loadObjectives, summaryTrendStats } from "../lib/objectives.ts";
import { arrivalRateScenario } from "../lib/profiles.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";
import { summaryOutputs } from "../lib/summary-outputs.ts";
import { assertTargetsHealthy } from "../lib/target-health.ts";

const durationSeconds = envDurationSeconds("PERF_DURATION", "2m");
const riseSeconds = Math.max(1, Math.round(durationSeconds * 0.05));
const baseSeconds = Math.max(1, Math.round(durationSeconds * 0.3));
const plan = spikeLoad({
  baseRate: envNumber("PERF_BASE_RATE", 30, { min: 1 }),
  spikeRate: envNumber("PERF_PEAK_RATE", 300, { min: 1 }),
  baseSeconds,
  riseSeconds,
  spikeSeconds: Math.max(1, durationSeconds - 2 * (baseSeconds + riseSeconds)),
});

export const options: Options = {
  scenarios: { spike: arrivalRateScenario(plan) },
  thresholds: loadObjectives,
  summaryTrendStats,
};

export function setup(): void {
  assertTargetsHealthy();
}

export default deliveryTrafficIteration;

export const handleSummary = summaryOutputs({ scenario: "spike", profile: "spike", plan });
