import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderLatencyChart } from "../chart/latency-chart.ts";
import { MetricTimeline } from "../metrics/metric-timeline.ts";
import { renderBreakpointMarkdown } from "../stress/breakpoint-markdown.ts";
import { findBreakpoint } from "../stress/stress-breakpoint.ts";
import type { StressBreakpoint } from "../stress/stress-breakpoint.ts";
import type { PerfSummary } from "../summary/k6-summary-data.ts";
import { perfVerdict } from "../summary/perf-verdict.ts";
import type { PerfVerdict } from "../summary/perf-verdict.ts";
import { startDemoPlatformProcess } from "./demo-platform-process.ts";
import type { DemoPlatformProcess } from "./demo-platform-process.ts";
import { runK6Process } from "./k6-process.ts";
import { resultFiles } from "./result-files.ts";
import { createResultsFolder, readResultsSummary } from "./results-folder.ts";

export interface PerfRunOptions {
  scenario: string;
  scriptPath: string;
  k6Path: string;
  /** Results go to `<resultsRoot>/<scenario>/<timestamp>/`. */
  resultsRoot: string;
  /** Start the demo platform on free ports and point the run at it. */
  startDemo: boolean;
  /** Scenario settings passed as environment (`PERF_DURATION`, `PERF_PEAK_RATE`, …). */
  settings: Record<string, string>;
  /** Passed to `k6 run` as they are. */
  k6Args: string[];
  env: NodeJS.ProcessEnv;
  /** The runner's notes for the terminal (k6 prints its own output there directly). */
  print(line: string): void;
  /** Leave k6's stdout (banner, summary) out of the terminal; its files are written all the same. */
  quietK6?: boolean;
  now?: () => Date;
}

export interface PerfRunResult {
  /** k6's exit code: 0 passed, 99 thresholds failed, others per k6's documentation. */
  exitCode: number;
  resultsDir: string;
  /** Absent when k6 ended before writing its summary (a script error, a kill). */
  summary?: PerfSummary;
  verdict?: PerfVerdict;
  breakpoint?: StressBreakpoint;
}

/**
 * One `qaops perf` run: a results folder, the demo platform when asked, k6 with its metric
 * stream folded into a timeline, then the chart and (for stepped runs) the breakpoint, written
 * beside the summary k6's handleSummary left there.
 */
export async function runPerfScenario(options: PerfRunOptions): Promise<PerfRunResult> {
  const now = options.now ?? (() => new Date());
  const resultsDir = createResultsFolder({
    root: options.resultsRoot,
    scenario: options.scenario,
    now: now(),
  });
  options.print(`Results: ${resultsDir}`);

  let demo: DemoPlatformProcess | undefined;
  const timeline = new MetricTimeline();
  let exitCode: number;
  try {
    const targetEnv: Record<string, string> = {};
    if (options.startDemo) {
      demo = await startDemoPlatformProcess(options.env);
      targetEnv.ORDER_BASE_URL = demo.urls.order;
      targetEnv.ETA_BASE_URL = demo.urls.eta;
      targetEnv.RECOMMENDATION_BASE_URL = demo.urls.recommendation;
      options.print(`Demo platform: ${Object.values(demo.urls).join(", ")}`);
    }
    exitCode = await runK6Process({
      k6Path: options.k6Path,
      scriptPath: options.scriptPath,
      args: options.k6Args,
      env: {
        ...dashboardEnv(join(resultsDir, resultFiles.dashboard)),
        ...options.env,
        ...options.settings,
        ...targetEnv,
        PERF_RESULTS_DIR: resultsDir,
      },
      onPoint: (point) => timeline.record(point),
      stdout: options.quietK6 ? "ignore" : "inherit",
    });
  } finally {
    await demo?.stop();
  }

  const summary = readResultsSummary(resultsDir);
  if (!summary) {
    options.print(
      `k6 exited with ${exitCode} before writing ${join(resultsDir, resultFiles.summaryJson)}.`,
    );
    return { exitCode, resultsDir };
  }
  const objectives = thresholdsOf(summary);
  writeFileSync(
    join(resultsDir, resultFiles.chart),
    renderLatencyChart({
      title: `${summary.scenario}: latency against arrival rate`,
      buckets: timeline.buckets(),
      ...(summary.plan ? { plan: summary.plan } : {}),
      objectives,
    }),
  );

  let breakpoint: StressBreakpoint | undefined;
  if (summary.profile === "steps" && summary.plan) {
    breakpoint = findBreakpoint({ plan: summary.plan, buckets: timeline.buckets(), objectives });
    const markdown = renderBreakpointMarkdown(breakpoint);
    writeFileSync(
      join(resultsDir, resultFiles.breakpoint),
      `${JSON.stringify(breakpoint, null, 2)}\n`,
    );
    appendFileSync(join(resultsDir, resultFiles.summaryMarkdown), `\n${markdown}\n`);
    options.print(`\n${markdown}\n`);
  }

  const githubSummary = options.env.GITHUB_STEP_SUMMARY;
  if (githubSummary) {
    appendFileSync(
      githubSummary,
      readFileSync(join(resultsDir, resultFiles.summaryMarkdown), "utf8") + "\n",
    );
  }
  options.print(`Chart: ${join(resultsDir, resultFiles.chart)}`);
  return {
    exitCode,
    resultsDir,
    summary,
    verdict: perfVerdict(summary),
    ...(breakpoint ? { breakpoint } : {}),
  };
}

/** Every threshold the run declared, as the objectives the chart and breakpoint read. */
export function thresholdsOf(summary: PerfSummary): { metricKey: string; expression: string }[] {
  return Object.entries(summary.k6.metrics).flatMap(([metricKey, metric]) =>
    Object.keys(metric.thresholds ?? {}).map((expression) => ({ metricKey, expression })),
  );
}

/**
 * k6's web dashboard, exported as HTML into the results folder at the end. Its live server stays
 * off (port -1) so parallel runs never collide; the caller's own `K6_WEB_DASHBOARD_*` variables
 * come later and win (e.g. `K6_WEB_DASHBOARD_PORT=5665` to watch live).
 */
function dashboardEnv(exportPath: string): Record<string, string> {
  return {
    K6_WEB_DASHBOARD: "true",
    K6_WEB_DASHBOARD_PORT: "-1",
    K6_WEB_DASHBOARD_EXPORT: exportPath,
  };
}
