import type { CiRun, RunSummary, TestRecord } from "../../reporters/run-summary/run-summary.ts";
import { countOutcomes } from "../../reporters/run-summary/run-summary.ts";
import { testKeyOf } from "../../reporters/run-summary/test-key.ts";
import { formatValue } from "../summary/format-value.ts";
import type { PerfVerdict, ThresholdResult } from "../summary/perf-verdict.ts";

/** The Playwright-style project every perf verdict is reported under. */
export const perfProject = "perf";
/** Attachment names the Jira planner uploads to a breached objective's ticket. */
export const perfAttachmentNames = { chart: "latency-chart", summary: "perf-summary.md" } as const;

export interface PerfRunSummaryInput {
  scenario: string;
  /** Absent when k6 ended without a summary (a script error, a kill): the run is interrupted. */
  verdict: PerfVerdict | undefined;
  startedAt: Date;
  ci: CiRun;
  /** `latency.svg` of the run, attached to tickets. */
  chartPath?: string;
  /** `summary.md` of the run, attached to tickets. */
  summaryMarkdown?: string;
  environment?: string;
  reportUrl?: string;
}

/**
 * A perf run in the reporters' shape, so the Slack summary and the Jira tickets follow the same
 * rules as the API suites': each threshold is a test of project `perf` in file `<scenario>`, so a
 * ticket's fingerprint is scenario + threshold (the measured value is normalised away), and a
 * breached one carries the chart and the summary.
 */
export function perfRunSummary(input: PerfRunSummaryInput): RunSummary {
  const tests = (input.verdict?.thresholds ?? []).map((threshold) => testOf(threshold, input));
  const counts = countOutcomes(tests);
  return {
    status: !input.verdict ? "interrupted" : input.verdict.passed ? "passed" : "failed",
    startedAt: input.startedAt.toISOString(),
    durationMs: Math.round((input.verdict?.traffic.durationSeconds ?? 0) * 1000),
    counts,
    tests,
    ci: input.ci,
    ...(input.environment ? { environment: input.environment } : {}),
    ...(input.reportUrl ? { reportUrl: input.reportUrl } : {}),
  };
}

function testOf(threshold: ThresholdResult, input: PerfRunSummaryInput): TestRecord {
  const titlePath = ["objectives", `${threshold.metricKey} ${threshold.expression}`];
  const identity = { project: perfProject, file: input.scenario, titlePath };
  const failed = !threshold.ok;
  return {
    testKey: testKeyOf(identity),
    ...identity,
    location: { file: `tests/perf/scenarios/${input.scenario}.ts`, line: 1, column: 1 },
    reproduce: `npx qaops perf ${input.scenario}`,
    outcome: failed ? "failed" : "passed",
    attempts: 1,
    durationMs: Math.round((input.verdict?.traffic.durationSeconds ?? 0) * 1000),
    tags: ["@perf", `@${input.scenario}`],
    annotations: [],
    ...(failed
      ? {
          error: {
            message: `Objective not met: ${threshold.metricKey} ${threshold.expression}, measured ${formatValue(threshold.actual, threshold.unit)}`,
          },
        }
      : {}),
    attachments: failed ? attachmentsOf(input) : [],
  };
}

function attachmentsOf(input: PerfRunSummaryInput): TestRecord["attachments"] {
  return [
    ...(input.chartPath
      ? [{ name: perfAttachmentNames.chart, contentType: "image/svg+xml", path: input.chartPath }]
      : []),
    ...(input.summaryMarkdown
      ? [
          {
            name: perfAttachmentNames.summary,
            contentType: "text/markdown",
            text: input.summaryMarkdown,
          },
        ]
      : []),
  ];
}
