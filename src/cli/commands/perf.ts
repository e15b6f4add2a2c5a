import type { CommandModule } from "yargs";
import { consoleLog } from "../../reporters/reporter-log.ts";
import { latestResultsFolder } from "../../perf/runner/results-folder.ts";
import { runnableScenarioPath, runnableScenarios } from "../../perf/runner/scenario-files.ts";
import type { Distribution } from "../../perf/runner/distributed-run.ts";
import type { VerdictChannels } from "../../perf/verdict/deliver-perf-verdict.ts";
import { ExitError } from "../exit-error.ts";
import { checkPerfArgs, perfOptions } from "./perf/perf-options.ts";
import type { PerfArgs } from "./perf/perf-options.ts";

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
      .options(perfOptions)
      .check(checkPerfArgs)
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

    // The runner (Artillery process, reports, demo platform) loads only when a run starts.
    const { runPerfScenario } = await import("../../perf/runner/perf-run.ts");
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
  const { runSummaryFromResults } = await import("../../perf/verdict/results-run-summary.ts");
  await deliverPerfVerdict({
    summary: runSummaryFromResults({ resultsDir, scenario, env: process.env }),
    channels,
    jiraLog: consoleLog("jira"),
    slackLog: consoleLog("slack"),
  });
}
