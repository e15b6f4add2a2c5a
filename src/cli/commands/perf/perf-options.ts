import type { Options } from "yargs";
import { parseDurationSeconds } from "../../../perf/load-shape/duration.ts";
import type { RunPlatform } from "../../../perf/runner/distributed-run.ts";
import { runnableScenarios } from "../../../perf/runner/scenario-files.ts";
import { UsageError } from "../../usage-error.ts";

export interface PerfArgs {
  scenario: string;
  duration?: string;
  "peak-rate"?: number;
  demo?: boolean;
  out: string;
  notify: boolean;
  "notify-only": boolean;
  platform: RunPlatform;
  count?: number;
  region?: string;
  "--"?: (string | number)[];
}

/** The options of `qaops perf`, beside its `<scenario>`; the order is the order of --help. */
export const perfOptions = {
  duration: {
    type: "string",
    describe: "Total planned length, e.g. 3m, 1h30m (env PERF_DURATION)",
  },
  "peak-rate": {
    type: "number",
    describe: "Highest arrival rate the scenario reaches, requests/s (env PERF_PEAK_RATE)",
  },
  demo: {
    type: "boolean",
    describe:
      "Start the demo platform on free ports and target it. Default: only when no <SERVICE>_BASE_URL is set; --no-demo targets those variables or DEMO_PORT",
  },
  out: {
    type: "string",
    default: "perf-results",
    describe: "Results root; each run writes <out>/<scenario>/<timestamp>/",
  },
  notify: {
    type: "boolean",
    default: true,
    describe:
      "Send the verdict to Slack (SLACK_WEBHOOK_URL) and breached objectives to Jira (JIRA_*), when set",
  },
  "notify-only": {
    type: "boolean",
    default: false,
    describe: "Run nothing: send the verdict of the scenario's newest results in --out",
  },
  platform: {
    choices: ["local", "fargate", "aci"] as const,
    default: "local" as const,
    describe:
      "Where Artillery's workers run: local worker threads, AWS Fargate (run-fargate) or Azure Container Instances (run-aci), with your cloud credentials",
  },
  count: {
    type: "number",
    describe: "Cloud workers to split the planned load over (--platform fargate|aci)",
  },
  region: {
    type: "string",
    describe: "Cloud region of the workers (--platform fargate|aci)",
  },
} satisfies Record<string, Options>;

/** What yargs cannot check alone; each message names the option and the bad value. */
export function checkPerfArgs(argv: PerfArgs): true {
  const known = runnableScenarios();
  if (!known.includes(argv.scenario)) {
    throw new UsageError(
      `unknown scenario "${argv.scenario}"; tests/perf/scenarios/ has: ${known.join(", ")}`,
    );
  }
  if (argv.duration !== undefined && !(parseDurationSeconds(argv.duration) ?? 0)) {
    throw new UsageError(`--duration must be like 90s, 3m or 1h30m, got "${argv.duration}"`);
  }
  const rate = argv["peak-rate"];
  if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) {
    throw new UsageError(`--peak-rate must be a number above 0, got ${rate}`);
  }
  if (argv.platform !== "local") {
    const count = argv.count;
    if (count === undefined || !(Number.isInteger(count) && count >= 1)) {
      throw new UsageError(`--platform ${argv.platform} needs --count N (whole, ≥ 1)`);
    }
    if (!argv.region) throw new UsageError(`--platform ${argv.platform} needs --region`);
  }
  if (argv["notify-only"] && !argv.notify) {
    throw new UsageError("--notify-only and --no-notify contradict each other");
  }
  return true;
}
