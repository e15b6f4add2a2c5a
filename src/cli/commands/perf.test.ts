import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FakeSlackServer } from "../../../test-support/reporters/fake-slack-server.ts";
import type { CommandResult } from "../../../test-support/run-command.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

import { perfSummary } from "../../perf/summary/perf-verdict.ts";
import { breachedLoadTest, breachedPeriod } from "../../../test-support/perf/breached-run.ts";

const breach = perfSummary({ loadTest: breachedLoadTest, aggregate: breachedPeriod() });
const workDir = mkdtempSync(join(tmpdir(), "qaops-perf-cli-"));
let slack: FakeSlackServer;

before(async () => {
  slack = await FakeSlackServer.start();
});
after(async () => {
  await slack.close();
  rmSync(workDir, { recursive: true, force: true });
});

/** `qaops perf …` as a user runs it, with only the env a test names (no Slack or Jira leaks in). */
function qaopsPerf(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  return runQaops(["perf", ...args], {
    cwd: workDir,
    env: { PATH: process.env.PATH ?? "", HOME: workDir, ...env },
  });
}

describe("qaops perf (CLI)", () => {
  it("refuses an unknown scenario with exit code 2 and lists the scenarios", async () => {
    const run = await qaopsPerf(["lunch-rush"]);
    assert.equal(run.code, 2);
    assert.match(
      run.stderr,
      /unknown scenario "lunch-rush"; tests\/perf\/scenarios\/ has: daily-peak, smoke, soak, spike, stress/,
    );
  });

  it("refuses a duration that is not one", async () => {
    const run = await qaopsPerf(["daily-peak", "--duration", "ten minutes"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--duration must be like 90s, 3m or 1h30m, got "ten minutes"/);
  });

  it("asks for the worker count and region of a cloud run before starting anything", async () => {
    const noCount = await qaopsPerf([
      "daily-peak",
      "--platform",
      "fargate",
      "--region",
      "eu-west-1",
    ]);
    assert.equal(noCount.code, 2);
    assert.match(noCount.stderr, /--platform fargate needs --count N \(whole, ≥ 1\)/);
    const noRegion = await qaopsPerf(["daily-peak", "--platform", "aci", "--count", "4"]);
    assert.equal(noRegion.code, 2);
    assert.match(noRegion.stderr, /--platform aci needs --region/);
  });

  it("fails --notify-only when the scenario has no results to send", async () => {
    const run = await qaopsPerf(["soak", "--notify-only", "--out", "nothing-here"]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /no results of "soak" in nothing-here\/ to send/);
  });

  it("sends the newest results' verdict to Slack with --notify-only, as the nightly workflow does", async () => {
    for (const stamp of ["2026-11-21T18-00-00Z", "2026-11-22T18-00-00Z"]) {
      const folder = join(workDir, "perf-results", "smoke", stamp);
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, "summary.json"), JSON.stringify(breach));
    }
    const run = await qaopsPerf(["smoke", "--notify-only"], {
      SLACK_WEBHOOK_URL: slack.webhookUrl,
      QAOPS_OUTBOX_DIR: join(workDir, "outbox"),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Sending the verdict of perf-results\/smoke\/2026-11-22T18-00-00Z/);
    assert.match(run.stdout, /jira: inactive: set JIRA_BASE_URL/);
    assert.equal(slack.accepted.length, 1);
    assert.ok(JSON.stringify(slack.accepted[0]?.payload).includes("Load test smoke: 1 failed"));
  });
});
