// Daily peak: a delivery platform's 24 hours (quiet night, lunch and dinner peaks) compressed
// into one run at a realistic mix of order, ETA and recommendation calls.
import { compressDailyCurve } from "../../../src/perf/load-shape/daily-curve.ts";
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTrafficScenarios } from "../lib/delivery-flows.ts";
import { serviceObjectives } from "../lib/objectives.ts";
import { deliveryLoadTest } from "../lib/delivery-load-test.ts";
import { envDurationSeconds, envNumber } from "../lib/settings.ts";

export default function dailyPeak(env: ScenarioEnv): LoadTest {
  const plan = compressDailyCurve({
    peakRate: envNumber(env, "PERF_PEAK_RATE", 300, { min: 1 }),
    durationSeconds: envDurationSeconds(env, "PERF_DURATION", "10m"),
  });
  return deliveryLoadTest({
    scenario: "daily-peak",
    profile: "daily-curve",
    env,
    plan,
    objectives: serviceObjectives,
    scenarios: deliveryTrafficScenarios(),
  });
}
