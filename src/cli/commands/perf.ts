import type { CommandModule } from "yargs";
import { consoleLog } from "../../reporters/reporter-log.ts";
import { parseDurationSeconds } from "../../perf/load-shape/duration.ts";
import { runPerfScenario } from "../../perf/runner/perf-run.ts";
import { latestResultsFolder } from "../../perf/runner/results-folder.ts";
import { runnableScenarioPath, runnableScenarios } from "../../perf/runner/scenario-files.ts";
import type { Distribution, RunPlatform } from "../../perf/runner/distributed-run.ts";
import type { VerdictChannels } from "../../perf/verdict/deliver-perf-verdict.ts";
import { runSummaryFromResults } from "../../perf/verdict/results-run-summary.ts";
import { ExitError } from "../exit-error.ts";
import { UsageError } from "../usage-error.ts";

interface PerfArgs {
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

const targetEnvNames = ["ORDER_BASE_URL", "ETA_BASE_URL", "RECOMMENDATION_BASE_URL"];

export const perfCommand: CommandModule<object, PerfArgs> = {
  command: "perf <scenario>",
  describe: "Run a load scenario from tests/perf/ on Artillery and collect its results",
  builder: (y) =>
    y
      .parserConfiguration({ "populate--": true })
      .positional("scenario", {
        type: "string",
        demandOption: true,
        describe: `One of: ${runnableScenarios().join(", ")}`,
      })
      .option("duration", {
        type: "string",
        describe: "Total planned length, e.g. 3m, 1h30m (env PERF_DURATION)",
      })
      .option("peak-rate", {
        type: "number",
        describe: "Highest arrival rate the scenario reaches, requests/s (env PERF_PEAK_RATE)",
      })
      .option("demo", {
        type: "boolean",
        describe:
          "Start the demo platform on free ports and target it. Default: only when no <SERVICE>_BASE_URL is set; --no-demo targets those variables or DEMO_PORT",
      })
      .option("out", {
        type: "string",
        default: "perf-results",
        describe: "Results root; each run writes <out>/<scenario>/<timestamp>/",
      })
      .option("notify", {
        type: "boolean",
        default: true,
        describe:
          "Send the verdict to Slack (SLACK_WEBHOOK_URL) and breached objectives to Jira (JIRA_*), when set",
      })
      .option("notify-only", {
        type: "boolean",
        default: false,
        describe: "Run nothing: send the verdict of the scenario's newest results in --out",
      })
      .option("platform", {
        choices: ["local", "fargate", "aci"] as const,
        default: "local" as const,
        describe:
          "Where Artillery's workers run: local worker threads, AWS Fargate (run-fargate) or Azure Container Instances (run-aci), with your cloud credentials",
      })
      .option("count", {
        type: "number",
        describe: "Cloud workers to split the planned load over (--platform fargate|aci)",
      })
      .option("region", {
        type: "string",
        describe: "Cloud region of the workers (--platform fargate|aci)",
      })
      .check((argv) => {
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
      })
      .example("$0 perf smoke", "every endpoint once against a demo platform started for the run")
      .example("$0 perf daily-peak --duration 3m --peak-rate 400", "the day in 3 minutes")
      .example("$0 perf stress -- --tags run:nightly", "anything after -- goes to `artillery run`")
      .example(
        "ORDER_BASE_URL=https://order.staging.example $0 perf soak --duration 8h",
        "against your own services",
      )
      .example(
        "$0 perf daily-peak --peak-rate 4000 --platform fargate --count 4 --region eu-west-1",
        "4 Fargate workers at 1,000 req/s each",
      )
      .example("$0 perf daily-peak --notify-only", "send the newest run's verdict again")
      .epilogue(
        "Exit code: 0 passed, 1 an objective not met (or another Artillery error), 2 bad usage, " +
          "3 the load generator could not keep the planned arrivals. Results: summary.json, " +
          "summary.md, junit.xml, report.html, artillery.json, script.json; stress runs add " +
          "breakpoint.json. Artillery runs from node_modules with its telemetry off.",
      ),
  handler: async (argv) => {
    // Invalid Slack or Jira settings stop the command here, before minutes of load.
    const channels = argv.notify ? await verdictChannels(argv.scenario) : undefined;
    if (argv["notify-only"]) {
      const resultsDir = latestResultsFolder(argv.out, argv.scenario);
      if (!resultsDir) throw new Error(`no results of "${argv.scenario}" in ${argv.out}/ to send`);
      console.log(`Sending the verdict of ${resultsDir}`);
      if (channels) await notify(channels, resultsDir, argv.scenario);
      return;
    }

    const envTargetsSet = targetEnvNames.some((name) => process.env[name]);
    const startDemo = argv.demo ?? !envTargetsSet;
    if (argv.demo === true && envTargetsSet) {
      console.error(
        "warning: --demo given, so the run targets the demo platform, not <SERVICE>_BASE_URL",
      );
    }
    const settings: Record<string, string> = {};
    if (argv.duration !== undefined) settings.PERF_DURATION = argv.duration;
    if (argv["peak-rate"] !== undefined) settings.PERF_PEAK_RATE = String(argv["peak-rate"]);

    const result = await runPerfScenario({
      scenario: argv.scenario,
      scenarioPath: runnableScenarioPath(argv.scenario),
      resultsRoot: argv.out,
      startDemo,
      settings,
      artilleryArgs: (argv["--"] ?? []).map(String),
      ...distributionOf(argv),
      env: process.env,
      print: (line) => console.log(line),
    });
    if (channels) await notify(channels, result.resultsDir, argv.scenario);
    // Artillery has already said what failed; only its exit code is left to pass on.
    if (result.exitCode !== 0) throw new ExitError(result.exitCode);
  },
};

function distributionOf(argv: PerfArgs): { distribution?: Distribution } {
  if (argv.platform === "local" || argv.count === undefined || argv.region === undefined) return {};
  return { distribution: { platform: argv.platform, count: argv.count, region: argv.region } };
}

// The verdict delivery is loaded only with --notify, not at CLI start: it pulls in the Jira and
// Slack clients.
async function verdictChannels(scenario: string): Promise<VerdictChannels> {
  const { resolveVerdictChannels } = await import("../../perf/verdict/deliver-perf-verdict.ts");
  return resolveVerdictChannels(scenario, process.env);
}

async function notify(channels: VerdictChannels, resultsDir: string, scenario: string) {
  const { deliverPerfVerdict } = await import("../../perf/verdict/deliver-perf-verdict.ts");
  await deliverPerfVerdict({
    summary: runSummaryFromResults({ resultsDir, scenario, env: process.env }),
    channels,
    jiraLog: consoleLog("jira"),
    slackLog: consoleLog("slack"),
  });
}
