import { latestResultsFolder, readResultsSummary } from "./results-folder.ts";

/**
 * A perf run as test counts for the test command: each objective is one test, and so is the
 * generator keeping the planned arrivals. Undefined when the run left no summary.
 */
export function perfTestCounts(
  resultsRoot: string,
  scenario: string,
): { passed: number; failed: number; skipped: number } | undefined {
  const folder = latestResultsFolder(resultsRoot, scenario);
  const summary = folder && readResultsSummary(folder);
  if (!summary) return undefined;
  const outcomes = [
    ...summary.objectives.map((objective) => objective.ok),
    ...(summary.arrivals ? [summary.saturation === undefined] : []),
  ];
  const passed = outcomes.filter(Boolean).length;
  return { passed, failed: outcomes.length - passed, skipped: 0 };
}
