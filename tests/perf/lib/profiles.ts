import type { Scenario } from "artillery";
import type { ArrivalPlan } from "../../../src/perf/load-shape/arrival-plan.ts";
import { artilleryPhases } from "../../../src/perf/load-shape/artillery-phases.ts";
import { ensureConfig } from "../../../src/perf/objectives/objective.ts";
import type { Objective } from "../../../src/perf/objectives/objective.ts";
import type { LoadProfile, LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTargets } from "./targets.ts";

export interface LoadTestOptions {
  scenario: string;
  profile: LoadProfile;
  env: ScenarioEnv;
  objectives: Objective[];
  scenarios: Scenario[];
  /** The arrival curve to follow; without one, a single virtual user (smoke). */
  plan?: ArrivalPlan;
  /** The module the flows' hooks come from (Artillery's processor). */
  processor: string;
}

/**
 * A scenario as an Artillery script: open-model arrival phases from the plan (arrivals
 * keep coming however slow the target gets, as real users do), the objectives as strict `ensure`
 * conditions (a breach exits non-zero), per-endpoint metrics by request name, and status
 * expectations on every request.
 */
export function artilleryLoadTest(options: LoadTestOptions): LoadTest {
  const phases = options.plan ? artilleryPhases(options.plan) : [];
  return {
    scenario: options.scenario,
    profile: options.profile,
    ...(options.plan ? { plan: options.plan } : {}),
    phases,
    objectives: options.objectives,
    script: {
      config: {
        target: deliveryTargets(options.env).order,
        phases: phases.length > 0 ? phases : [{ duration: 1, arrivalCount: 1 }],
        processor: options.processor,
        http: { timeout: 10 },
        plugins: {
          "metrics-by-endpoint": { useOnlyRequestNames: true },
          expect: { outputFormat: "silent" },
          ensure: ensureConfig(options.objectives),
        },
      },
      scenarios: options.scenarios,
    },
  };
}
