// Stress: a staircase of arrival rates past the point where the objectives break. Each step is
// judged on its own after the run (breakpoint.json, summary.md): "held N/s, broke at M/s". The
// run climbs every step: the steps above the breakpoint show how the service degrades. Arrivals
// keep coming however slow the target gets, so the run's length stays bounded.
import { stepLoad } from "../../../src/perf/load-shape/step-load.ts";
import type { LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTrafficScenarios } from "../lib/delivery-flows.ts";
import { serviceObjectives } from "../lib/objectives.ts";
import { deliveryLoadTest } from "../lib/delivery-load-test.ts";
import { envDurationSeconds, envInteger, envNumber } from "../lib/settings.ts";

export default function stress(env: ScenarioEnv): LoadTest {
  const startRate = envNumber(env, "PERF_START_RATE", 100, { min: 1 });
  const peakRate = envNumber(env, "PERF_PEAK_RATE", 1500, { min: startRate });
  const steps = envInteger(env, "PERF_STEPS", 10, { min: 1 });
  // A step needs a few periods at its rate to be judged: 30 s each with the defaults, 12 s at
  // least (Artillery reports every 10 s).
  const stepSeconds = Math.max(
    12,
    Math.floor(envDurationSeconds(env, "PERF_DURATION", "5m") / steps),
  );
  const rampSeconds = Math.max(1, Math.round(stepSeconds / 6));
  const plan = stepLoad({
    startRate,
    stepRate: steps > 1 ? Math.max(1, Math.round((peakRate - startRate) / (steps - 1))) : 1,
    steps,
    rampSeconds,
    holdSeconds: stepSeconds - rampSeconds,
  });
  return deliveryLoadTest({
    scenario: "stress",
    profile: "steps",
    env,
    plan,
    objectives: serviceObjectives,
    scenarios: deliveryTrafficScenarios(),
  });
}
