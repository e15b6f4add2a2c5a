import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseNodeTapSummary, parsePlaywrightStats, stageCounts } from "./test-counts.ts";

describe("test counts", () => {
  it("reads node:test's TAP totals, counting cancelled as failed and todo as skipped", () => {
    const tap = "ok 1 - a\n# tests 7\n# pass 4\n# fail 1\n# cancelled 1\n# skipped 0\n# todo 1\n";
    assert.deepEqual(parseNodeTapSummary(tap), { passed: 4, failed: 2, skipped: 1 });
  });

  it("reads Playwright's stats, counting flaky as passed", () => {
    const json = JSON.stringify({ stats: { expected: 40, unexpected: 2, flaky: 1, skipped: 3 } });
    assert.deepEqual(parsePlaywrightStats(json), { passed: 41, failed: 2, skipped: 3 });
  });

  it("turns a runner that failed without a report into one failure", () => {
    assert.deepEqual(stageCounts(undefined, 1), { passed: 0, failed: 1, skipped: 0 });
    assert.deepEqual(stageCounts({ passed: 3, failed: 0, skipped: 0 }, 0), {
      passed: 3,
      failed: 0,
      skipped: 0,
    });
  });
});
