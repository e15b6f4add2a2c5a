// Soak: one steady rate overnight. Leaks, growing queues and caches that never evict show up
// over hours, not minutes.
import { steadyLoad } from "../../../src/perf/load-shape/steady-load.ts";
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTrafficScenarios } from "../lib/delivery-flows.ts";
import { serviceObjectives } from "../lib/objectives.ts";
import { deliveryLoadTest } from "../lib/delivery-load-test.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";

export default function soak(env: ScenarioEnv): LoadTest {
  const durationSeconds = envDurationSeconds(env, "PERF_DURATION", "8h");
  const rampSeconds = Math.min(120, Math.max(1, Math.round(durationSeconds * 0.05)));
  const plan = steadyLoad({
    rate: envNumber(env, "PERF_PEAK_RATE", 100, { min: 1 }),
    rampSeconds,
    holdSeconds: Math.max(1, durationSeconds - rampSeconds),
  });
  return deliveryLoadTest({
    scenario: "soak",
    profile: "steady",
    env,
    plan,
    objectives: serviceObjectives,
    scenarios: deliveryTrafficScenarios(),
  });
}
