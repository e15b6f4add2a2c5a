import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatform } from "../../demo-platform/platform.ts";
import { failedThresholds } from "../summary/perf-verdict.ts";
import { findK6 } from "./k6-binary.ts";
import { resultFiles, runPerfScenario } from "./perf-run.ts";
import { scenarioPath } from "./scenario-files.ts";

// The whole path with real parts: k6 runs the smoke scenario against the demo platform with a
// fault injected through its admin route; the breach must come back as k6's exit code 99 and in
// every result file.
const packageRoot = fileURLToPath(new URL("../../../", import.meta.url));
const token = "perf-test-token";
const resultsRoot = mkdtempSync(join(tmpdir(), "qaops-perf-breach-"));
let platform: DemoPlatform;

before(async () => {
  platform = await startDemoPlatform({ port: 0, apiToken: token });
  const response = await fetch(`${platform.services.recommendation.url}/__admin/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ route: "GET /v1/recommendations/:service/:feature", latencyMs: 40 }),
  });
  assert.equal(response.status, 200);
});
after(async () => {
  await platform.close();
  rmSync(resultsRoot, { recursive: true, force: true });
});

describe("qaops perf against a platform with a fault on", () => {
  it("exits 99 and reports the breached objective in summary.json, summary.md, junit.xml and the chart", async () => {
    const printed: string[] = [];
    const result = await runPerfScenario({
      scenario: "smoke",
      scriptPath: scenarioPath("smoke"),
      k6Path: findK6({ env: process.env, packageRoot }),
      resultsRoot,
      startDemo: false,
      settings: {},
      k6Args: ["--quiet"],
      quietK6: true,
      env: {
        ...process.env,
        DEMO_API_TOKEN: token,
        ORDER_BASE_URL: platform.services.order.url,
        ETA_BASE_URL: platform.services.eta.url,
        RECOMMENDATION_BASE_URL: platform.services.recommendation.url,
        GITHUB_STEP_SUMMARY: join(resultsRoot, "step-summary.md"),
      },
      print: (line) => printed.push(line),
    });

    assert.equal(result.exitCode, 99);
    assert.ok(result.verdict && !result.verdict.passed);
    assert.deepEqual(
      failedThresholds(result.verdict).map((t) => `${t.metricKey} ${t.expression}`),
      ["http_req_duration{endpoint:recommendation} med<17"],
    );
    for (const file of Object.values(resultFiles)) {
      if (file === resultFiles.breakpoint || file === resultFiles.dashboard) continue;
      assert.ok(existsSync(join(result.resultsDir, file)), `${file} written`);
    }
    const markdown = readFileSync(join(result.resultsDir, resultFiles.summaryMarkdown), "utf8");
    assert.match(markdown, /^### ❌ k6 `smoke`: 1 of \d+ thresholds failed$/m);
    assert.equal(readFileSync(join(resultsRoot, "step-summary.md"), "utf8"), `${markdown}\n`);
    assert.match(readFileSync(join(result.resultsDir, resultFiles.junit), "utf8"), / failures="1"/);
    const chart = readFileSync(join(result.resultsDir, resultFiles.chart), "utf8");
    assert.ok(chart.includes(">p95 recommendation<"), "the metric stream reached the chart");
    assert.ok(printed.some((line) => line.startsWith("Results: ")));
  });
});
