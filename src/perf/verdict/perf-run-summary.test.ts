import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureFingerprint } from "../../reporters/run-summary/fingerprint.ts";
import { perfSummary } from "../summary/perf-verdict.ts";
import { breachedLoadTest, breachedPeriod } from "../../../test-support/perf/breached-run.ts";
import { perfRunSummary } from "./perf-run-summary.ts";

const breach = perfSummary({ loadTest: breachedLoadTest, aggregate: breachedPeriod() });

const base = {
  scenario: "smoke",
  startedAt: new Date("2026-11-22T18:00:00Z"),
  ci: { provider: "local" },
  reportPath: "perf-results/daily-peak/2026-11-22T18-00-00Z/report.html",
  summaryMarkdown: "### ❌ Load test `daily-peak`",
};

describe("perfRunSummary", () => {
  const summary = perfRunSummary({ ...base, summary: breach });

  it("makes each objective a test of project perf in the scenario's file", () => {
    assert.equal(summary.status, "failed");
    assert.deepEqual(summary.counts, { total: 3, passed: 2, failed: 1, flaky: 0, skipped: 0 });
    const failed = summary.tests.find((t) => t.outcome === "failed");
    assert.deepEqual(failed?.titlePath, ["objectives", "recommendation median < 17 ms"]);
    assert.equal(failed?.project, "perf");
    assert.equal(failed?.file, "smoke");
    assert.equal(
      failed?.error?.message,
      "Objective not met: recommendation median < 17 ms, measured 42 ms",
    );
    assert.equal(failed?.reproduce, "npx qaops perf smoke");
  });

  it("attaches the report and the summary to breached objectives only", () => {
    for (const test of summary.tests) {
      const names = test.attachments.map((a) => a.name);
      assert.deepEqual(
        names,
        test.outcome === "failed" ? ["load-report.html", "perf-summary.md"] : [],
      );
    }
  });

  it("gives a breach the same fingerprint whatever value was measured", () => {
    const slower = perfSummary({
      loadTest: breachedLoadTest,
      aggregate: breachedPeriod({ recommendationMedian: 250.5 }),
    });
    const again = perfRunSummary({ ...base, summary: slower });
    const pick = (s: typeof summary) => s.tests.find((t) => t.outcome === "failed");
    const [before, after] = [pick(summary), pick(again)];
    assert.ok(before && after);
    assert.notEqual(before.error?.message, after.error?.message);
    assert.equal(failureFingerprint(before), failureFingerprint(after));
    assert.equal(before.testKey, after.testKey);
  });

  it("reads a run without a summary as interrupted, with no tests", () => {
    const interrupted = perfRunSummary({ ...base, summary: undefined });
    assert.equal(interrupted.status, "interrupted");
    assert.equal(interrupted.counts.total, 0);
  });

  it("adds a failed test about the generator when it fell short of the plan", () => {
    const saturated = perfRunSummary({
      ...base,
      summary: {
        ...breach,
        arrivals: { phases: [] },
        saturation: "load generator saturated at 90 req/s",
      },
    });
    const generator = saturated.tests.find((t) => t.titlePath[1]?.startsWith("load generator"));
    assert.equal(generator?.outcome, "failed");
    assert.equal(generator?.error?.message, "load generator saturated at 90 req/s");
  });
});
