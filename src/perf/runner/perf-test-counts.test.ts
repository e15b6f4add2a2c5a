import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { perfTestCounts } from "./perf-test-counts.ts";

const root = mkdtempSync(join(tmpdir(), "qaops-perf-counts-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("perfTestCounts", () => {
  it("counts each threshold and each check of the newest run as one test", () => {
    const folder = join(root, "smoke", "2026-11-22T18-00-00Z");
    mkdirSync(folder, { recursive: true });
    const fixture = fileURLToPath(
      new URL("../summary/fixtures/smoke-breach.summary.json", import.meta.url),
    );
    copyFileSync(fixture, join(folder, "summary.json"));
    // 10 thresholds (3 failed) and 10 checks (1 failed).
    assert.deepEqual(perfTestCounts(root, "smoke"), { passed: 16, failed: 4, skipped: 0 });
  });

  it("has no counts for a run that left no summary", () => {
    mkdirSync(join(root, "stress", "2026-11-22T18-00-00Z"), { recursive: true });
    assert.equal(perfTestCounts(root, "stress"), undefined);
    assert.equal(perfTestCounts(root, "never-ran"), undefined);
  });
});
