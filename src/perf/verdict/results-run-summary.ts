import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { detectCiRun } from "../../reporters/run-summary/ci-environment.ts";
import type { RunSummary } from "../../reporters/run-summary/run-summary.ts";
import { resultFiles } from "../runner/result-files.ts";
import { readResultsSummary, startOfRunFolder } from "../runner/results-folder.ts";
import { perfRunSummary } from "./perf-run-summary.ts";

/**
 * The reporters' run summary of one results folder: its summary (none if Artillery ended early,
 * which reads as an interrupted run), its HTML report and Markdown summary for tickets, and the
 * CI run and environment from the same variables the reporters read.
 */
export function runSummaryFromResults(options: {
  resultsDir: string;
  scenario: string;
  env: Record<string, string | undefined>;
}): RunSummary {
  const { resultsDir, env } = options;
  const file = (name: string) => join(resultsDir, name);
  const summary = readResultsSummary(resultsDir);
  return perfRunSummary({
    scenario: options.scenario,
    summary,
    startedAt: startOfRunFolder(basename(resultsDir)) ?? new Date(),
    ci: detectCiRun(env),
    ...(existsSync(file(resultFiles.report)) ? { reportPath: file(resultFiles.report) } : {}),
    ...(existsSync(file(resultFiles.summaryMarkdown))
      ? { summaryMarkdown: readFileSync(file(resultFiles.summaryMarkdown), "utf8") }
      : {}),
    ...(env.QAOPS_ENVIRONMENT ? { environment: env.QAOPS_ENVIRONMENT } : {}),
    ...(env.QAOPS_REPORT_URL ? { reportUrl: env.QAOPS_REPORT_URL } : {}),
  });
}
