/**
 * One test run, reduced to what the reporters need: built from Playwright results (see
 * `from-playwright.ts`) or from any other source, and plain data so it can be saved and replayed.
 */
export interface RunSummary {
  /** The run's verdict as the runner saw it; flaky tests do not make it `failed`. */
  status: RunStatus;
  /** ISO 8601. */
  startedAt: string;
  durationMs: number;
  counts: OutcomeCounts;
  tests: TestRecord[];
  ci: CiRun;
  /** Which deployment the tests ran against (`QAOPS_ENVIRONMENT`), if named. */
  environment?: string;
  /** Where the full HTML report can be read (`QAOPS_REPORT_URL`), if published. */
  reportUrl?: string;
}

export type RunStatus = "passed" | "failed" | "timedout" | "interrupted";

/** A test's final outcome over all its attempts. `flaky`: failed first, passed on a retry. */
export type TestOutcome = "passed" | "failed" | "flaky" | "skipped";

export interface OutcomeCounts {
  total: number;
  passed: number;
  failed: number;
  flaky: number;
  skipped: number;
}

export interface TestRecord {
  /** Stable across runs, machines and shards; see `test-key.ts`. */
  testKey: string;
  /** The Playwright project (one per service in this repository). */
  project: string;
  /** The spec file relative to the project's test directory, `/`-separated. */
  file: string;
  /** Titles inside the file: describe blocks, then the test's own title. */
  titlePath: string[];
  /** Where the test is declared, relative to the working directory, for a reproduce command. */
  location: SourceLocation;
  /** The command that runs this test again, when it is not a Playwright test (a load objective). */
  reproduce?: string;
  outcome: TestOutcome;
  attempts: number;
  durationMs: number;
  tags: string[];
  annotations: TestAnnotation[];
  /** The first error of the last failing attempt. */
  error?: TestFailure;
  /** Title of the innermost step that failed, e.g. `expect.toBe`. */
  failingStep?: string;
  /** Attachments of the last failing attempt. */
  attachments: TestAttachment[];
}

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface TestAnnotation {
  type: string;
  description?: string;
}

export interface TestFailure {
  message: string;
  stack?: string;
  location?: SourceLocation;
}

/** A text body is carried inline; anything else is referenced by path (e.g. a trace zip). */
export interface TestAttachment {
  name: string;
  contentType: string;
  text?: string;
  path?: string;
}

/** The CI run that produced the results, as far as the environment tells. */
export interface CiRun {
  /** `github-actions`, `gitlab-ci`, …, or `local`. */
  provider: string;
  runUrl?: string;
  commit?: string;
  branch?: string;
}

export function countOutcomes(tests: readonly Pick<TestRecord, "outcome">[]): OutcomeCounts {
  const counts: OutcomeCounts = { total: tests.length, passed: 0, failed: 0, flaky: 0, skipped: 0 };
  for (const test of tests) counts[test.outcome] += 1;
  return counts;
}

/** `order › orders.spec.ts › create › rejects a bad id` */
export function displayTitle(test: Pick<TestRecord, "project" | "file" | "titlePath">): string {
  return [test.project, test.file, ...test.titlePath].filter(Boolean).join(" › ");
}
