import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ArtilleryReport } from "../artillery/artillery-report.ts";
import { arrivalsPerSecond, readArrivalLogs, readPhaseTimes } from "../arrivals/arrival-logs.ts";
import { checkArrivals } from "../arrivals/arrival-shortfall.ts";
import { renderHtmlReport } from "../report/html-report.ts";
import { reportSeries } from "../report/report-data.ts";
import type { LoadTest } from "../scenario/load-test.ts";
import { renderBreakpointMarkdown } from "../stress/breakpoint-markdown.ts";
import { findBreakpoint } from "../stress/stress-breakpoint.ts";
import type { StressBreakpoint } from "../stress/stress-breakpoint.ts";
import { perfSummary } from "../summary/perf-verdict.ts";
import type { PerfSummary } from "../summary/perf-verdict.ts";
import { renderSummaryJUnit } from "../summary/summary-junit.ts";
import { renderSummaryMarkdown } from "../summary/summary-markdown.ts";
import { localWorkerCount, runArtillery } from "./artillery-process.ts";
import { startDemoPlatformProcess } from "./demo-platform-process.ts";
import { distributedCommand, perWorkerLoadTest } from "./distributed-run.ts";
import type { Distribution } from "./distributed-run.ts";
import type { DemoPlatformProcess } from "./demo-platform-process.ts";
import { buildLoadTest, writeArtilleryScript } from "./load-test-script.ts";
import { resultFiles } from "./result-files.ts";
import { createResultsFolder } from "./results-folder.ts";

/** Exit code of a run whose generator fell short of the plan, whatever the objectives said. */
export const saturatedExitCode = 3;

export interface PerfRunOptions {
  scenario: string;
  scenarioPath: string;
  /** Results go to `<resultsRoot>/<scenario>/<timestamp>/`. */
  resultsRoot: string;
  /** Start the demo platform on free ports and point the run at it. */
  startDemo: boolean;
  /** Scenario settings (`PERF_DURATION`, `PERF_PEAK_RATE`, …), over the environment. */
  settings: Record<string, string>;
  /** Passed to `artillery run` as they are. */
  artilleryArgs: string[];
  /** Run on Artillery's cloud workers instead of local ones. */
  distribution?: Distribution;
  env: NodeJS.ProcessEnv;
  /** The runner's notes for the terminal (Artillery prints its own output there directly). */
  print(line: string): void;
  /** Where Artillery runs, and so where scenarios find the files they name; default: here. */
  cwd?: string;
  /** Leave Artillery's stdout out of the terminal; the result files are written all the same. */
  quietEngine?: boolean;
  now?: () => Date;
}

export interface PerfRunResult {
  /** 0 passed; Artillery's own code when it failed (1: an objective breached); 3 saturated. */
  exitCode: number;
  resultsDir: string;
  /** Absent when Artillery ended before writing its report (a bad script, a kill). */
  summary?: PerfSummary;
  breakpoint?: StressBreakpoint;
}

/**
 * One `qaops perf` run: a results folder, the demo platform when asked, the scenario built and
 * run by Artillery, then the verdict (objectives and the generator's arrivals against the plan)
 * written as summary.json, summary.md, junit.xml and report.html.
 */
export async function runPerfScenario(options: PerfRunOptions): Promise<PerfRunResult> {
  const now = options.now ?? (() => new Date());
  const resultsDir = createResultsFolder({
    // Absolute: Artillery and its workers may run in another folder (`cwd`).
    root: resolve(options.resultsRoot),
    scenario: options.scenario,
    now: now(),
  });
  options.print(`Results: ${resultsDir}`);

  let demo: DemoPlatformProcess | undefined;
  let loadTest: LoadTest;
  let exitCode: number;
  try {
    const env: NodeJS.ProcessEnv = { ...options.env, ...options.settings };
    if (options.startDemo) {
      demo = await startDemoPlatformProcess(options.env);
      env.ORDER_BASE_URL = demo.urls.order;
      env.ETA_BASE_URL = demo.urls.eta;
      env.RECOMMENDATION_BASE_URL = demo.urls.recommendation;
      options.print(`Demo platform: ${Object.values(demo.urls).join(", ")}`);
    }
    loadTest = await buildLoadTest(options.scenarioPath, env);
    const distribution = options.distribution;
    exitCode = await runArtillery({
      ...(distribution ? { command: distributedCommand(distribution) } : {}),
      scriptPath: writeArtilleryScript(
        distribution ? perWorkerLoadTest(loadTest, distribution.count) : loadTest,
        resultsDir,
      ),
      outputPath: join(resultsDir, resultFiles.artilleryReport),
      args: options.artilleryArgs,
      env: { ...env, PERF_RESULTS_DIR: resultsDir },
      stdout: options.quietEngine ? "ignore" : "inherit",
      ...(options.cwd ? { cwd: options.cwd } : {}),
    });
  } finally {
    await demo?.stop();
  }

  const reportPath = join(resultsDir, resultFiles.artilleryReport);
  if (!existsSync(reportPath)) {
    options.print(`Artillery exited with ${exitCode} before writing ${reportPath}.`);
    return { exitCode: exitCode || 1, resultsDir };
  }
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as ArtilleryReport;
  // Cloud workers log their arrivals where qaops cannot read them: no arrival check then.
  const outcome = judgeRun({
    loadTest,
    report,
    resultsDir,
    checkArrivals: options.distribution === undefined,
  });
  writeResultFiles(resultsDir, outcome, options);
  const saturated = outcome.summary.saturation !== undefined;
  if (saturated) options.print(`error: ${outcome.summary.saturation}`);
  return {
    exitCode: saturated ? saturatedExitCode : exitCode,
    resultsDir,
    summary: outcome.summary,
    ...(outcome.breakpoint ? { breakpoint: outcome.breakpoint } : {}),
  };
}

interface RunOutcome {
  summary: PerfSummary;
  breakpoint?: StressBreakpoint;
  html: string;
}

function judgeRun(input: {
  loadTest: LoadTest;
  report: ArtilleryReport;
  resultsDir: string;
  checkArrivals: boolean;
}): RunOutcome {
  const { loadTest, report, resultsDir } = input;
  const times = readPhaseTimes(resultsDir);
  const arrivals = readArrivalLogs(resultsDir);
  const originMs =
    times.find((t) => t.index === 0)?.startedAt ?? report.aggregate.firstMetricAt ?? 0;
  const arrivalCheck =
    input.checkArrivals && loadTest.phases.length > 0
      ? checkArrivals({ phases: loadTest.phases, times, arrivals, workers: localWorkerCount() })
      : undefined;
  const summary = perfSummary({
    loadTest,
    aggregate: report.aggregate,
    ...(arrivalCheck ? { arrivals: arrivalCheck } : {}),
  });
  const breakpoint =
    loadTest.profile === "steps" && loadTest.plan
      ? findBreakpoint({
          plan: loadTest.plan,
          periods: report.intermediate,
          originMs,
          objectives: loadTest.objectives,
        })
      : undefined;
  const series = reportSeries({
    summary,
    periods: report.intermediate,
    sentPerSecond: arrivalsPerSecond(arrivals, originMs),
    originMs,
  });
  return {
    summary,
    ...(breakpoint ? { breakpoint } : {}),
    html: renderHtmlReport(summary, series),
  };
}

function writeResultFiles(resultsDir: string, outcome: RunOutcome, options: PerfRunOptions) {
  const file = (name: string) => join(resultsDir, name);
  let markdown = renderSummaryMarkdown(outcome.summary);
  if (outcome.breakpoint) {
    writeFileSync(file(resultFiles.breakpoint), `${JSON.stringify(outcome.breakpoint, null, 2)}\n`);
    markdown += `\n${renderBreakpointMarkdown(outcome.breakpoint)}\n`;
  }
  writeFileSync(file(resultFiles.summaryJson), `${JSON.stringify(outcome.summary, null, 2)}\n`);
  writeFileSync(file(resultFiles.summaryMarkdown), markdown);
  writeFileSync(file(resultFiles.junit), renderSummaryJUnit(outcome.summary));
  writeFileSync(file(resultFiles.report), outcome.html);
  const githubSummary = options.env.GITHUB_STEP_SUMMARY;
  if (githubSummary) appendFileSync(githubSummary, `${markdown}\n`);
  options.print(`\n${markdown}`);
  options.print(`Report: ${file(resultFiles.report)}`);
}
