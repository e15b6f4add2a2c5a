import path from "node:path";
import type { FullResult, Suite, TestCase, TestResult, TestStep } from "@playwright/test/reporter";
import { countOutcomes } from "./run-summary.ts";
import type {
  CiRun,
  RunSummary,
  SourceLocation,
  TestAttachment,
  TestOutcome,
  TestRecord,
} from "./run-summary.ts";
import { testKeyOf } from "./test-key.ts";

export interface PlaywrightRun {
  rootSuite: Suite;
  result: FullResult;
  ci: CiRun;
  /** Locations are made relative to it, so a reproduce command runs from the repository root. */
  cwd: string;
  environment?: string;
  reportUrl?: string;
}

/** The only place that reads Playwright's reporter types; everything downstream uses `RunSummary`. */
export function summarisePlaywrightRun(run: PlaywrightRun): RunSummary {
  const tests = run.rootSuite.allTests().map((test) => recordOf(test, run.cwd));
  return {
    status: run.result.status,
    startedAt: run.result.startTime.toISOString(),
    durationMs: Math.round(run.result.duration),
    counts: countOutcomes(tests),
    tests,
    ci: run.ci,
    ...(run.environment ? { environment: run.environment } : {}),
    ...(run.reportUrl ? { reportUrl: run.reportUrl } : {}),
  };
}

const outcomes: Record<ReturnType<TestCase["outcome"]>, TestOutcome> = {
  expected: "passed",
  unexpected: "failed",
  flaky: "flaky",
  skipped: "skipped",
};

function recordOf(test: TestCase, cwd: string): TestRecord {
  // titlePath(): ['', project, file relative to the project's testDir, ...describes, title]
  const [, project = "", file = "", ...titlePath] = test.titlePath();
  const failed = lastFailedAttempt(test);
  const error = failed?.errors[0] ?? failed?.error;
  const failingStep = failed ? innermostFailedStep(failed.steps) : undefined;
  const identity = { project, file: file.replaceAll("\\", "/"), titlePath };
  return {
    testKey: testKeyOf(identity),
    ...identity,
    location: relativeLocation(test.location, cwd),
    outcome: outcomes[test.outcome()],
    attempts: test.results.length,
    durationMs: Math.round(test.results.reduce((sum, result) => sum + result.duration, 0)),
    tags: [...test.tags],
    annotations: test.annotations.map(({ type, description }) =>
      description === undefined ? { type } : { type, description },
    ),
    ...(error
      ? {
          error: {
            message: error.message ?? error.value ?? "(no error message)",
            ...(error.stack ? { stack: error.stack } : {}),
            ...(error.location ? { location: relativeLocation(error.location, cwd) } : {}),
          },
        }
      : {}),
    ...(failingStep ? { failingStep } : {}),
    attachments: failed ? failed.attachments.map(attachmentOf) : [],
  };
}

function lastFailedAttempt(test: TestCase): TestResult | undefined {
  return test.results.findLast(
    (result) => result.status !== "skipped" && result.status !== test.expectedStatus,
  );
}

function innermostFailedStep(steps: readonly TestStep[]): string | undefined {
  for (const step of steps) {
    if (!step.error) continue;
    return innermostFailedStep(step.steps) ?? step.title;
  }
  return undefined;
}

const textContent = /^(text\/|application\/(json|xml|x-ndjson))/;

function attachmentOf(attachment: TestResult["attachments"][number]): TestAttachment {
  const base = { name: attachment.name, contentType: attachment.contentType };
  if (attachment.body && textContent.test(attachment.contentType)) {
    return { ...base, text: attachment.body.toString("utf8") };
  }
  return attachment.path ? { ...base, path: attachment.path } : base;
}

function relativeLocation(
  location: { file: string; line: number; column: number },
  cwd: string,
): SourceLocation {
  const relative = path.isAbsolute(location.file)
    ? path.relative(cwd, location.file)
    : location.file;
  return { file: relative.replaceAll("\\", "/"), line: location.line, column: location.column };
}
