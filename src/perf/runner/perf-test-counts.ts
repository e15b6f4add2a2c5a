import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PerfSummary } from "../summary/k6-summary-data.ts";
import { perfVerdict } from "../summary/perf-verdict.ts";
import { latestResultsFolder } from "./results-folder.ts";

/**
 * A perf run as test counts for the test command: each threshold and each check is one test.
 * Undefined when the run left no summary (k6 failed before its end).
 */
export function perfTestCounts(
  resultsRoot: string,
  scenario: string,
): { passed: number; failed: number; skipped: number } | undefined {
  const folder = latestResultsFolder(resultsRoot, scenario);
  const summaryPath = folder && join(folder, "summary.json");
  if (!summaryPath || !existsSync(summaryPath)) return undefined;
  const verdict = perfVerdict(JSON.parse(readFileSync(summaryPath, "utf8")) as PerfSummary);
  const outcomes = [
    ...verdict.thresholds.map((threshold) => threshold.ok),
    ...verdict.checks.map((check) => check.fails === 0),
  ];
  const passed = outcomes.filter(Boolean).length;
  return { passed, failed: outcomes.length - passed, skipped: 0 };
}
