// `qaops perf` as tests and benches run it: no demo platform started (the caller has one, or
// needs none), Artillery quiet and nothing printed, unless the options say otherwise.
import type { DemoPlatform } from "../../src/demo-platform/platform.ts";
import { serviceNames } from "../../src/demo-platform/platform.ts";
import { runPerfScenario } from "../../src/perf/runner/perf-run.ts";
import type { PerfRunOptions, PerfRunResult } from "../../src/perf/runner/perf-run.ts";
import { baseUrlEnvName } from "../../tests/api/support/service-urls.ts";

type QuietRunOptions = Pick<PerfRunOptions, "scenario" | "scenarioPath" | "resultsRoot"> &
  Partial<PerfRunOptions>;

export function runPerfQuietly(options: QuietRunOptions): Promise<PerfRunResult> {
  return runPerfScenario({
    startDemo: false,
    settings: {},
    artilleryArgs: ["--quiet"],
    quietEngine: true,
    env: process.env,
    print: () => {},
    ...options,
  });
}

/** The environment the scenarios of tests/perf read to reach a running demo platform. */
export function demoPlatformEnv(platform: DemoPlatform, apiToken: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DEMO_API_TOKEN: apiToken,
    ...Object.fromEntries(
      serviceNames.map((service) => [baseUrlEnvName(service), platform.services[service].url]),
    ),
  };
}
