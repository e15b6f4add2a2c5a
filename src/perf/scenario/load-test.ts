import type { TestScript } from "artillery";
import type { ArrivalPlan } from "../load-shape/arrival-plan.ts";
import type { RampPhase } from "../load-shape/artillery-phases.ts";
import type { Objective } from "../objectives/objective.ts";

/** The shape of load a scenario applies; `steps` runs get a breakpoint analysis. */
export type LoadProfile = "iterations" | "daily-curve" | "spike" | "steps" | "steady";

/**
 * What a scenario of `tests/perf/` builds from its settings: the Artillery script to run, and
 * what qaops needs to judge it (the planned arrival curve, its phases, the objectives).
 */
export interface LoadTest {
  scenario: string;
  profile: LoadProfile;
  /** Absent for scenarios that count iterations instead of following a rate (smoke). */
  plan?: ArrivalPlan;
  /** The plan as the Artillery phases the script runs; empty for smoke. */
  phases: RampPhase[];
  objectives: Objective[];
  script: TestScript;
}

/** The variables a scenario reads (`PERF_*`, targets); `qaops perf` passes its environment. */
export type ScenarioEnv = Readonly<Record<string, string | undefined>>;

/** A scenario module's default export; `file` is the module's own path (a processor may be it). */
export type LoadTestBuilder = (env: ScenarioEnv, file: string) => LoadTest;
