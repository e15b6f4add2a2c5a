import { perfVerdict } from "../summary/perf-verdict.ts";
import { latestResultsFolder, readResultsSummary } from "./results-folder.ts";

/**
 * A perf run as test counts for the test command: each threshold and each check is one test.
 * Undefined when the run left no summary (k6 failed before its end).
 */
export function perfTestCounts(
  resultsRoot: string,
  scenario: string,
): { passed: number; failed: number; skipped: number } | undefined {
  const folder = latestResultsFolder(resultsRoot, scenario);
  const summary = folder && readResultsSummary(folder);
  if (!summary) return undefined;
  const verdict = perfVerdict(summary);
  const outcomes = [
    ...verdict.thresholds.map((threshold) => threshold.ok),
    ...verdict.checks.map((check) => check.fails === 0),
  ];
  const passed = outcomes.filter(Boolean).length;
  return { passed, failed: outcomes.length - passed, skipped: 0 };
}
