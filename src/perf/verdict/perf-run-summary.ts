import type { CiRun, RunSummary, TestRecord } from "../../reporters/run-summary/run-summary.ts";
import { countOutcomes } from "../../reporters/run-summary/run-summary.ts";
import { testKeyOf } from "../../reporters/run-summary/test-key.ts";
import type { ObjectiveResult } from "../objectives/objective.ts";
import { formatExpectation, formatValue } from "../summary/format-value.ts";
import type { PerfSummary } from "../summary/perf-verdict.ts";

/** The Playwright-style project every perf verdict is reported under. */
export const perfProject = "perf";
/** Attachment names the Jira planner uploads to a breached objective's ticket. */
export const perfAttachmentNames = {
  report: "load-report.html",
  summary: "perf-summary.md",
} as const;

export interface PerfRunSummaryInput {
  scenario: string;
  /** Absent when Artillery ended without a report (a bad script, a kill): the run is interrupted. */
  summary: PerfSummary | undefined;
  startedAt: Date;
  ci: CiRun;
  /** `report.html` of the run (latency against the planned arrivals), attached to tickets. */
  reportPath?: string;
  /** `summary.md` of the run, attached to tickets. */
  summaryMarkdown?: string;
  environment?: string;
  reportUrl?: string;
}

/**
 * A perf run in the reporters' shape, so the Slack summary and the Jira tickets follow the same
 * rules as the API suites': each objective is a test of project `perf` in file `<scenario>`, so a
 * ticket's fingerprint is scenario + objective (the measured value is normalised away), and a
 * breached one carries the report and the summary. A run whose load generator fell short of the
 * plan has one more failed test, about the generator, not the service.
 */
export function perfRunSummary(input: PerfRunSummaryInput): RunSummary {
  const summary = input.summary;
  const tests = [
    ...(summary?.objectives ?? []).map((objective) => objectiveTest(objective, input)),
    ...(summary?.arrivals ? [generatorTest(summary.saturation, input)] : []),
  ];
  return {
    status: !summary ? "interrupted" : summary.passed ? "passed" : "failed",
    startedAt: input.startedAt.toISOString(),
    durationMs: durationMs(input),
    counts: countOutcomes(tests),
    tests,
    ci: input.ci,
    ...(input.environment ? { environment: input.environment } : {}),
    ...(input.reportUrl ? { reportUrl: input.reportUrl } : {}),
  };
}

function objectiveTest(objective: ObjectiveResult, input: PerfRunSummaryInput): TestRecord {
  const expected = formatExpectation(objective.comparison, objective.limit, objective.unit);
  return testOf(
    input,
    `${objective.name} ${expected}`,
    objective.ok
      ? undefined
      : `Objective not met: ${objective.name} ${expected}, measured ${formatValue(objective.actual, objective.unit)}`,
  );
}

function generatorTest(saturation: string | undefined, input: PerfRunSummaryInput): TestRecord {
  return testOf(input, "load generator kept the planned arrivals", saturation);
}

function testOf(
  input: PerfRunSummaryInput,
  title: string,
  failure: string | undefined,
): TestRecord {
  const identity = { project: perfProject, file: input.scenario, titlePath: ["objectives", title] };
  return {
    testKey: testKeyOf(identity),
    ...identity,
    location: { file: `tests/perf/scenarios/${input.scenario}.ts`, line: 1, column: 1 },
    reproduce: `npx qaops perf ${input.scenario}`,
    outcome: failure ? "failed" : "passed",
    attempts: 1,
    durationMs: durationMs(input),
    tags: ["@perf", `@${input.scenario}`],
    annotations: [],
    ...(failure ? { error: { message: failure } } : {}),
    attachments: failure ? attachmentsOf(input) : [],
  };
}

function durationMs(input: PerfRunSummaryInput): number {
  return Math.round((input.summary?.traffic.durationSeconds ?? 0) * 1000);
}

function attachmentsOf(input: PerfRunSummaryInput): TestRecord["attachments"] {
  return [
    ...(input.reportPath
      ? [{ name: perfAttachmentNames.report, contentType: "text/html", path: input.reportPath }]
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
