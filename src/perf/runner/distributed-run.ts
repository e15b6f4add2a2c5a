import type { LoadTest } from "../scenario/load-test.ts";

/** Where Artillery's workers run: here (worker threads), AWS Fargate or Azure Container Instances. */
export type RunPlatform = "local" | "fargate" | "aci";

export interface Distribution {
  platform: Exclude<RunPlatform, "local">;
  /** How many workers (containers) the run is split over. */
  count: number;
  /** The cloud region the workers start in, e.g. `eu-west-1` or `westeurope`. */
  region: string;
}

/**
 * The Artillery command for a cloud run. Artillery's cloud runners multiply the script: every
 * worker runs all of it. So the script qaops hands them is the per-worker share (see
 * `perWorkerLoadTest`), and `count` workers together send the planned total.
 */
export function distributedCommand(distribution: Distribution): string[] {
  const command = distribution.platform === "fargate" ? "run-fargate" : "run-aci";
  return [command, "--count", String(distribution.count), "--region", distribution.region];
}

/** The load test each of `count` workers runs: every phase's rates divided by `count`. */
export function perWorkerLoadTest(loadTest: LoadTest, count: number): LoadTest {
  const phases = loadTest.phases.map((phase) => ({
    ...phase,
    arrivalRate: phase.arrivalRate / count,
    rampTo: phase.rampTo / count,
  }));
  const config = loadTest.script.config ?? {};
  return {
    ...loadTest,
    phases,
    script: {
      ...loadTest.script,
      config: { ...config, ...(phases.length > 0 ? { phases } : {}) },
    },
  };
}
