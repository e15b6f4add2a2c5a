// Spike: steady traffic, a sudden jump (a push notification, a promotion at lunch), and back:
// does the platform absorb it, and does it recover once the spike is gone?
import { spikeLoad } from "../../../src/perf/load-shape/spike-load.ts";
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTrafficScenarios } from "../lib/delivery-flows.ts";
import { serviceObjectives } from "../lib/objectives.ts";
import { deliveryLoadTest } from "../lib/delivery-load-test.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";

export default function spike(env: ScenarioEnv): LoadTest {
  const durationSeconds = envDurationSeconds(env, "PERF_DURATION", "2m");
  const riseSeconds = Math.max(1, Math.round(durationSeconds * 0.05));
  const baseSeconds = Math.max(1, Math.round(durationSeconds * 0.3));
  const plan = spikeLoad({
    baseRate: envNumber(env, "PERF_BASE_RATE", 30, { min: 1 }),
    spikeRate: envNumber(env, "PERF_PEAK_RATE", 300, { min: 1 }),
    baseSeconds,
    riseSeconds,
    spikeSeconds: Math.max(1, durationSeconds - 2 * (baseSeconds + riseSeconds)),
  });
  return deliveryLoadTest({
    scenario: "spike",
    profile: "spike",
    env,
    plan,
    objectives: serviceObjectives,
    scenarios: deliveryTrafficScenarios(),
  });
}
