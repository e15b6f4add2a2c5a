import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatform } from "../../demo-platform/platform.ts";
import { memoryLog } from "../../reporters/reporter-log.ts";
import { FakeJiraServer } from "../../../test-support/reporters/fake-jira-server.ts";
import { FakeSlackServer } from "../../../test-support/reporters/fake-slack-server.ts";
import { demoPlatformEnv, runPerfQuietly } from "../../../test-support/perf/quiet-perf-run.ts";
import { failedObjectives } from "../summary/perf-verdict.ts";
import { deliverPerfVerdict, resolveVerdictChannels } from "../verdict/deliver-perf-verdict.ts";
import { runSummaryFromResults } from "../verdict/results-run-summary.ts";
import { resultFiles } from "./result-files.ts";
import type { PerfRunResult } from "./perf-run.ts";
import { scenarioPath } from "./scenario-files.ts";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

// The whole path with real parts: Artillery runs the smoke scenario against the demo platform with
// a fault injected through its admin route (recommendations 1.1 s slow, over smoke's 1 s bound).
// The breach must come back as a non-zero exit from Artillery's ensure plugin (the objectives sit
// in config.plugins.ensure), in every result file, as a Slack summary at a fake webhook and as
// one Jira ticket at a fake Jira that a second night's breach updates instead of duplicating.
const token = "perf-test-token";
const workDir = mkdtempSync(join(tmpdir(), "qaops-perf-breach-"));
// Inside the repository, as `perf-results/` is: its package.json declares ES modules, which
// Artillery's CommonJS bundle of the processor must not be read as.
const resultsRoot = join(repositoryRoot, ".qaops", "tmp", `perf-breach-${process.pid}`);
let platform: DemoPlatform;
let slack: FakeSlackServer;
let jira: FakeJiraServer;

before(async () => {
  [platform, slack, jira] = await Promise.all([
    startDemoPlatform({ port: 0, apiToken: token }),
    FakeSlackServer.start(),
    FakeJiraServer.start(),
  ]);
  const response = await fetch(`${platform.services.recommendation.url}/__admin/faults`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ route: "GET /v1/recommendations/:service/:feature", latencyMs: 1100 }),
  });
  assert.equal(response.status, 200);
});
after(async () => {
  await Promise.all([platform.close(), slack.close(), jira.close()]);
  rmSync(workDir, { recursive: true, force: true });
  rmSync(resultsRoot, { recursive: true, force: true });
});

function runSmoke(): Promise<PerfRunResult> {
  return runPerfQuietly({
    scenario: "smoke",
    scenarioPath: scenarioPath("smoke"),
    resultsRoot,
    env: {
      ...demoPlatformEnv(platform, token),
      GITHUB_STEP_SUMMARY: join(workDir, "step-summary.md"),
    },
  });
}

async function deliver(resultsDir: string) {
  const env = {
    SLACK_WEBHOOK_URL: slack.webhookUrl,
    SLACK_SEND_ON: "always",
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: jira.credentials.email,
    JIRA_API_TOKEN: jira.credentials.apiToken,
    JIRA_PROJECT_KEY: "QA",
    QAOPS_OUTBOX_DIR: join(workDir, "outbox"),
  };
  const [jiraLog, slackLog] = [memoryLog(), memoryLog()];
  const delivery = await deliverPerfVerdict({
    summary: runSummaryFromResults({ resultsDir, scenario: "smoke", env }),
    channels: resolveVerdictChannels("smoke", env),
    jiraLog,
    slackLog,
  });
  assert.deepEqual([...jiraLog.warnings, ...slackLog.warnings], [], "delivered without warnings");
  return delivery;
}

describe("qaops perf against a platform with a fault on", () => {
  let first: PerfRunResult;

  it("exits non-zero and reports the breached objective in every result file", async () => {
    first = await runSmoke();
    assert.equal(first.exitCode, 1, "Artillery's ensure plugin failed the run");
    assert.ok(first.summary && !first.summary.passed);
    assert.deepEqual(
      failedObjectives(first.summary).map((o) => o.name),
      ["recommendation max"],
    );
    const script = readFileSync(join(first.resultsDir, resultFiles.script), "utf8");
    assert.ok(script.includes('"ensure"') && !script.includes(token), "ensure, and no token");
    for (const file of [resultFiles.summaryJson, resultFiles.junit, resultFiles.report]) {
      assert.ok(existsSync(join(first.resultsDir, file)), `${file} written`);
    }
    const markdown = readFileSync(join(first.resultsDir, resultFiles.summaryMarkdown), "utf8");
    assert.match(markdown, /^### ❌ Load test `smoke`: 1 of \d+ objectives not met$/m);
    assert.equal(readFileSync(join(workDir, "step-summary.md"), "utf8"), `${markdown}\n`);
    assert.match(readFileSync(join(first.resultsDir, resultFiles.junit), "utf8"), / failures="1"/);
  });

  it("posts the summary to Slack and opens one Jira ticket for the breach, with the report", async () => {
    const delivery = await deliver(first.resultsDir);
    assert.equal(slack.accepted.length, 1);
    const text = JSON.stringify(slack.accepted[0]?.payload);
    assert.ok(text.includes("Load test smoke: 1 failed"), text.slice(0, 300));
    assert.ok(text.includes("recommendation max &lt; 1 s"), "the breached objective is listed");

    const [issue, ...others] = jira.issues();
    assert.equal(others.length, 0);
    assert.match(
      issue?.summary ?? "",
      /^\[perf\] objectives › recommendation max < 1 s: Objective not met/,
    );
    const attached = issue?.attachments ?? [];
    assert.equal(attached.length, 2);
    const report = attached.find((a) => a.filename.endsWith(".html"));
    assert.ok(report?.content.toString("utf8").startsWith("<!doctype html>"), "the HTML report");
    const markdown = attached.find((a) => a.filename.endsWith(".md"));
    assert.match(markdown?.content.toString("utf8") ?? "", /^### ❌ Load test `smoke`/);
    assert.equal(delivery.tickets[0]?.key, issue?.key);
    assert.ok(text.includes(issue?.key ?? "none"), "Slack links the ticket");
  });

  it("updates the same ticket when the objective breaks again on another run", async () => {
    const second = await runSmoke();
    assert.equal(second.exitCode, 1);
    assert.notEqual(second.resultsDir, first.resultsDir);
    await deliver(second.resultsDir);
    const issues = jira.issues();
    assert.equal(issues.length, 1, "fingerprint = scenario + objective, not the measured value");
    assert.ok((issues[0]?.comments.length ?? 0) >= 1, "a recurrence comment");
    assert.equal(slack.accepted.length, 2);
  });
});
