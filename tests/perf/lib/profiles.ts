import { fileURLToPath } from "node:url";
import type { Scenario } from "artillery";
import type { ArrivalPlan } from "../../../src/perf/load-shape/arrival-plan.ts";
import { artilleryPhases } from "../../../src/perf/load-shape/artillery-phases.ts";
import { ensureConfig } from "../../../src/perf/objectives/objective.ts";
import type { Objective } from "../../../src/perf/objectives/objective.ts";
import type { LoadProfile, LoadTest, ScenarioEnv } from "../../../src/perf/scenario/load-test.ts";
import { deliveryTargets } from "./targets.ts";

export interface DeliveryLoadTestOptions {
  scenario: string;
  profile: LoadProfile;
  env: ScenarioEnv;
  objectives: Objective[];
  scenarios: Scenario[];
  /** The arrival curve to follow; without one, a single virtual user (smoke). */
  plan?: ArrivalPlan;
  /** The module the flows' hooks come from; the delivery processor unless said. */
  processor?: string;
}

/**
 * A delivery scenario as an Artillery script: open-model arrival phases from the plan (arrivals
 * keep coming however slow the target gets, as real users do), the objectives as strict `ensure`
 * conditions (a breach exits non-zero), per-endpoint metrics by request name, and status
 * expectations on every request.
 */
export function deliveryLoadTest(options: DeliveryLoadTestOptions): LoadTest {
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
        // Resolved here, when qaops builds the script: a bundled worker has no import.meta.
        processor:
          options.processor ?? fileURLToPath(new URL("./delivery-processor.ts", import.meta.url)),
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
