// Smoke: every endpoint once with one virtual user, in seconds; run by the test command on every
// change.
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { everyCallOnce } from "../lib/delivery-flows.ts";
import { smokeObjectives } from "../lib/objectives.ts";
import { deliveryLoadTest } from "../lib/delivery-load-test.ts";

export default function smoke(env: ScenarioEnv): LoadTest {
  return deliveryLoadTest({
    scenario: "smoke",
    profile: "iterations",
    env,
    objectives: smokeObjectives,
    scenarios: everyCallOnce(),
  });
}
