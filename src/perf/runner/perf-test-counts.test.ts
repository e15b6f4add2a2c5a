import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { perfSummary } from "../summary/perf-verdict.ts";
import { breachedLoadTest, breachedPeriod } from "../../../test-support/perf/breached-run.ts";
import { perfTestCounts } from "./perf-test-counts.ts";

const root = mkdtempSync(join(tmpdir(), "qaops-perf-counts-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("perfTestCounts", () => {
  it("counts each objective, and the generator keeping the plan, of the newest run as one test", () => {
    const write = (stamp: string, summary: object) => {
      const folder = join(root, "smoke", stamp);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "summary.json"), JSON.stringify(summary));
    };
    const breach = perfSummary({ loadTest: breachedLoadTest, aggregate: breachedPeriod() });
    write("2026-11-21T18-00-00Z", breach);
    // 3 objectives, 1 not met.
    assert.deepEqual(perfTestCounts(root, "smoke"), { passed: 2, failed: 1, skipped: 0 });
    write("2026-11-22T18-00-00Z", { ...breach, arrivals: { phases: [] }, saturation: "short" });
    assert.deepEqual(perfTestCounts(root, "smoke"), { passed: 2, failed: 2, skipped: 0 });
  });

  it("has no counts for a run that left no summary", () => {
    mkdirSync(join(root, "stress", "2026-11-22T18-00-00Z"), { recursive: true });
    assert.equal(perfTestCounts(root, "stress"), undefined);
    assert.equal(perfTestCounts(root, "never-ran"), undefined);
  });
});
