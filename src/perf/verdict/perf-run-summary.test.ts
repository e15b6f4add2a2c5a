import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { failureFingerprint } from "../../reporters/run-summary/fingerprint.ts";
import type { PerfSummary } from "../summary/k6-summary-data.ts";
import { perfVerdict } from "../summary/perf-verdict.ts";
import { perfRunSummary } from "./perf-run-summary.ts";

const breach = JSON.parse(
  readFileSync(new URL("../summary/fixtures/smoke-breach.summary.json", import.meta.url), "utf8"),
) as PerfSummary;

const base = {
  scenario: "smoke",
  startedAt: new Date("2026-11-22T18:00:00Z"),
  ci: { provider: "local" },
  chartPath: "perf-results/smoke/2026-11-22T18-00-00Z/latency.svg",
  summaryMarkdown: "### ❌ k6 `smoke`",
};

describe("perfRunSummary", () => {
  const summary = perfRunSummary({ ...base, verdict: perfVerdict(breach) });

  it("makes each threshold a test of project perf in the scenario's file", () => {
    assert.equal(summary.status, "failed");
    assert.deepEqual(summary.counts, { total: 10, passed: 7, failed: 3, flaky: 0, skipped: 0 });
    const failed = summary.tests.find(
      (t) => t.outcome === "failed" && t.titlePath[1]?.includes("recommendation"),
    );
    assert.deepEqual(failed?.titlePath, [
      "objectives",
      "http_req_duration{endpoint:recommendation} med<17",
    ]);
    assert.equal(failed?.project, "perf");
    assert.equal(failed?.file, "smoke");
    assert.match(
      failed?.error?.message ?? "",
      /^Objective not met: .* med<17, measured 4\d(\.\d+)? ms$/,
    );
    assert.equal(failed?.reproduce, "npx qaops perf smoke");
  });

  it("attaches the chart and the summary to breached objectives only", () => {
    for (const test of summary.tests) {
      const names = test.attachments.map((a) => a.name);
      assert.deepEqual(
        names,
        test.outcome === "failed" ? ["latency-chart", "perf-summary.md"] : [],
      );
    }
  });

  it("gives a breach the same fingerprint whatever value was measured", () => {
    const slower: PerfSummary = structuredClone(breach);
    const metric = slower.k6.metrics["http_req_duration{endpoint:recommendation}"];
    assert.ok(metric);
    metric.values.med = 250.5;
    const again = perfRunSummary({ ...base, verdict: perfVerdict(slower) });
    const pick = (s: typeof summary) => s.tests.find((t) => t.titlePath[1]?.endsWith("med<17"));
    const [before, after] = [pick(summary), pick(again)];
    assert.ok(before && after);
    assert.notEqual(before.error?.message, after.error?.message);
    assert.equal(failureFingerprint(before), failureFingerprint(after));
    assert.equal(before.testKey, after.testKey);
  });

  it("reads a run without a summary as interrupted, with no tests", () => {
    const interrupted = perfRunSummary({ ...base, verdict: undefined });
    assert.equal(interrupted.status, "interrupted");
    assert.equal(interrupted.counts.total, 0);
  });
});
