import type { ArrivalPlan } from "../../../src/perf/load-shape/arrival-plan.ts";
import { resultFiles } from "../../../src/perf/runner/result-files.ts";
import type {
  K6SummaryData,
  LoadProfile,
  PerfSummary,
} from "../../../src/perf/summary/k6-summary-data.ts";
import { perfVerdict } from "../../../src/perf/summary/perf-verdict.ts";
import { renderSummaryJUnit } from "../../../src/perf/summary/summary-junit.ts";
import { renderSummaryMarkdown } from "../../../src/perf/summary/summary-markdown.ts";

export interface ScenarioDescription {
  scenario: string;
  profile: LoadProfile;
  plan?: ArrivalPlan;
}

/**
 * A scenario's `handleSummary`: the Markdown summary on stdout, and, when `PERF_RESULTS_DIR`
 * names a folder (`qaops perf` sets it), `summary.json`, `summary.md` and `junit.xml` there.
 */
export function summaryOutputs(
  scenario: ScenarioDescription,
): (data: K6SummaryData) => Record<string, string> {
  return (data) => {
    const summary: PerfSummary = { ...scenario, k6: data };
    const verdict = perfVerdict(summary);
    const markdown = renderSummaryMarkdown(verdict);
    const outputs: Record<string, string> = { stdout: `\n${markdown}\n` };
    const dir = __ENV.PERF_RESULTS_DIR;
    if (dir) {
      outputs[`${dir}/${resultFiles.summaryJson}`] = `${JSON.stringify(summary, null, 2)}\n`;
      outputs[`${dir}/${resultFiles.summaryMarkdown}`] = markdown;
      outputs[`${dir}/${resultFiles.junit}`] = renderSummaryJUnit(verdict);
    }
    return outputs;
  };
}
