import { countOutcomes } from "../../src/reporters/run-summary/run-summary.ts";
import type { RunSummary, TestRecord } from "../../src/reporters/run-summary/run-summary.ts";
import { testKeyOf } from "../../src/reporters/run-summary/test-key.ts";

/** A test record with sensible defaults; the test key follows project, file and title. */
export function testRecord(overrides: Partial<TestRecord> & { title?: string } = {}): TestRecord {
  const { title = "creates an order", ...rest } = overrides;
  const identity = {
    project: rest.project ?? "order",
    file: rest.file ?? "orders.spec.ts",
    titlePath: rest.titlePath ?? [title],
  };
  const outcome = rest.outcome ?? "passed";
  return {
    testKey: testKeyOf(identity),
    ...identity,
    location: { file: `tests/api/${identity.project}/${identity.file}`, line: 12, column: 3 },
    outcome,
    attempts: outcome === "flaky" ? 2 : 1,
    durationMs: 120,
    tags: [],
    annotations: [],
    attachments: [],
    ...(outcome === "failed" || outcome === "flaky"
      ? { error: { message: `Error: ${title} failed\n\nExpected: 200\nReceived: 500` } }
      : {}),
    ...rest,
  };
}

export function failingTest(
  title: string,
  message: string,
  overrides: Partial<TestRecord> = {},
): TestRecord {
  return testRecord({ title, outcome: "failed", error: { message }, ...overrides });
}

export function runSummary(tests: TestRecord[], overrides: Partial<RunSummary> = {}): RunSummary {
  const counts = countOutcomes(tests);
  return {
    status: counts.failed > 0 ? "failed" : "passed",
    startedAt: "2026-05-04T10:00:00.000Z",
    durationMs: 83_000,
    counts,
    tests,
    ci: {
      provider: "github-actions",
      runUrl: "https://github.com/acme/shop/actions/runs/42",
      commit: "0123456789abcdef0123",
      branch: "main",
    },
    ...overrides,
  };
}

/** `count` distinct failing tests spread over a few projects and files. */
export function manyFailures(count: number): TestRecord[] {
  const projects = ["order", "eta", "recommendation"];
  return Array.from({ length: count }, (_, index) =>
    failingTest(
      `case ${index} rejects an out-of-range quantity with a helpful message`,
      `Error: connect ECONNREFUSED 127.0.0.1:${4310 + (index % 3)}\n    at TCPConnectWrap.afterConnect`,
      {
        project: projects[index % 3] ?? "order",
        file: `suite-${Math.floor(index / 12)}.spec.ts`,
      },
    ),
  );
}
