import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatform } from "../../demo-platform/platform.ts";
import type { StressBreakpoint } from "../stress/stress-breakpoint.ts";
import { demoPlatformEnv, runPerfQuietly } from "../../../test-support/perf/quiet-perf-run.ts";
import { resultFiles } from "./result-files.ts";
import { scenarioPath } from "./scenario-files.ts";

// A tiny stress run (two 12-second steps at 5 and 10 requests/s) against a platform slowed by a
// fault on every route: Artillery's periods must name the first step as the breakpoint.
const token = "perf-test-token";
const resultsRoot = mkdtempSync(join(tmpdir(), "qaops-perf-stress-"));
let platform: DemoPlatform;

before(async () => {
  platform = await startDemoPlatform({ port: 0, apiToken: token });
  for (const service of Object.values(platform.services)) {
    service.faults.set({ route: "*", latencyMs: 30, errorRate: 0, errorStatus: 503 });
  }
});
after(async () => {
  await platform.close();
  rmSync(resultsRoot, { recursive: true, force: true });
});

describe("qaops perf stress", () => {
  it("finds where the objectives broke from Artillery's periods and writes breakpoint.json", async () => {
    const result = await runPerfQuietly({
      scenario: "stress",
      scenarioPath: scenarioPath("stress"),
      resultsRoot,
      settings: {
        PERF_START_RATE: "5",
        PERF_PEAK_RATE: "10",
        PERF_STEPS: "2",
        PERF_DURATION: "24s",
      },
      env: demoPlatformEnv(platform, token),
    });

    assert.equal(result.exitCode, 1);
    assert.equal(result.summary?.profile, "steps");
    assert.deepEqual(
      result.breakpoint?.steps.map((step) => step.rate),
      [5, 10],
    );
    assert.equal(result.breakpoint?.brokeAtRate, 5);
    assert.equal(result.breakpoint?.lastHeldRate, undefined);
    const written = JSON.parse(
      readFileSync(join(result.resultsDir, resultFiles.breakpoint), "utf8"),
    ) as StressBreakpoint;
    assert.deepEqual(written, JSON.parse(JSON.stringify(result.breakpoint)));
    assert.match(
      readFileSync(join(result.resultsDir, resultFiles.summaryMarkdown), "utf8"),
      /^#### Stress: objectives broke at 5\/s \(the first step\)$/m,
    );
  });
});
