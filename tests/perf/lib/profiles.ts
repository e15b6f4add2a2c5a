import type { Scenario } from "k6/options";
import type { ArrivalPlan } from "../../../src/perf/load-shape/arrival-plan.ts";
import { peakRateOf } from "../../../src/perf/load-shape/arrival-plan.ts";
import { envInteger } from "./settings.ts";

/**
 * The k6 scenario that follows an arrival plan. Arrival-rate executors keep sending at the
 * planned rate however slow the target gets (an open model), which is what real users do.
 */
export function arrivalRateScenario(plan: ArrivalPlan): Scenario {
  const peak = peakRateOf(plan);
  return {
    executor: "ramping-arrival-rate",
    startRate: plan.startRate,
    timeUnit: "1s",
    stages: plan.stages.map((stage) => ({
      duration: `${stage.durationSeconds}s`,
      target: stage.target,
    })),
    // Little's law: busy VUs = rate × latency. Pre-allocate enough for 250 ms responses at the
    // peak: k6 drops an iteration when no VU is free at that instant, even while it is still
    // starting more, and a pause of a few hundred ms (GC, a busy CPU) is not the service's limit.
    // Allow up to 1 s before the pool runs dry and iterations are dropped.
    preAllocatedVUs: envInteger("PERF_PREALLOCATED_VUS", Math.max(10, Math.ceil(peak * 0.25)), {
      min: 1,
    }),
    maxVUs: envInteger("PERF_MAX_VUS", Math.max(50, Math.ceil(peak)), { min: 1 }),
    gracefulStop: "10s",
  };
}
