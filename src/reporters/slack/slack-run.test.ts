import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Outbox } from "../delivery/outbox.ts";
import { memoryLog } from "../reporter-log.ts";
import { replayOutbox } from "../replay-outbox.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import { FakeSlackServer } from "../../../test-support/reporters/fake-slack-server.ts";
import {
  failingTest,
  manyFailures,
  runSummary,
  testRecord,
} from "../../../test-support/reporters/summary-fixtures.ts";
import { reportRunToSlack } from "./slack-run.ts";
import type { SlackSettings } from "./slack-settings.ts";

describe("reportRunToSlack against the fake webhook", () => {
  let slack: FakeSlackServer;
  let dir: string;
  let outbox: Outbox;

  const settings = (overrides: Partial<SlackSettings> = {}): SlackSettings => ({
    webhookUrl: slack.webhookUrl,
    sendOn: "always",
    title: "API tests",
    maxFailuresListed: 50,
    maxMessages: 3,
    minIntervalMs: 1_000,
    dryRunFile: undefined,
    outboxDir: outbox.dir,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 5_000 },
    runOnShards: false,
    ...overrides,
  });
  const report = (summary: RunSummary, overrides: Partial<SlackSettings> = {}) => {
    const log = memoryLog();
    return reportRunToSlack({ summary, settings: settings(overrides), outbox, log }).then(
      (result) => ({ result, log }),
    );
  };

  beforeEach(async () => {
    slack = await FakeSlackServer.start();
    dir = await mkdtemp(path.join(tmpdir(), "slack-run-"));
    outbox = new Outbox(path.join(dir, "outbox"));
  });
  afterEach(async () => {
    await slack.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("gets every message of a 600-failure run accepted, at most one a second", async () => {
    const { result, log } = await report(runSummary(manyFailures(600)), { maxFailuresListed: 600 });
    assert.ok(result.messages.length >= 2, `${result.messages.length} messages`);
    assert.equal(slack.accepted.length, result.messages.length);
    assert.deepEqual(slack.rejected, []);
    for (let index = 1; index < slack.accepted.length; index += 1) {
      const gap = (slack.accepted[index]?.at ?? 0) - (slack.accepted[index - 1]?.at ?? 0);
      assert.ok(gap >= 995, `messages ${index} and ${index + 1} were ${gap} ms apart`);
    }
    assert.deepEqual(log.warnings, []);
  });

  it("retries a 429 after its Retry-After, and a 500 with backoff", async () => {
    slack.injectFaults({ count: 1, status: 429, retryAfterSeconds: 1 });
    slack.injectFaults({ count: 1, status: 500 });
    const started = Date.now();
    const { log } = await report(runSummary([failingTest("x", "Error: x")]));
    assert.ok(Date.now() - started >= 1_000);
    assert.equal(slack.accepted.length, 1);
    assert.deepEqual(
      slack.rejected.map((rejection) => rejection.status),
      [429, 500],
    );
    assert.deepEqual(log.warnings, []);
  });

  it("keeps an undeliverable summary in the outbox, without the webhook URL, and a replay sends it", async () => {
    slack.setArchived(true);
    const { result, log } = await report(runSummary([failingTest("x", "Error: x")]));
    assert.equal(slack.rejected.length, 1, "channel_is_archived is not retried");
    assert.match(
      log.warnings[0] ?? "",
      /1 of 1 message\(s\) not sent \(Slack message 1\/1: Slack answered 410 channel_is_archived\); saved to /,
    );
    const saved = await readFile(result.savedTo ?? "", "utf8");
    assert.ok(!saved.includes(slack.webhookPath) && !log.warnings[0]?.includes(slack.webhookPath));

    slack.setArchived(false);
    const replay = await replayOutbox({
      dir: outbox.dir,
      env: { SLACK_WEBHOOK_URL: slack.webhookUrl },
      dryRun: false,
      log: memoryLog(),
    });
    assert.equal(replay.delivered.length, 1);
    assert.equal(slack.accepted.length, 1);
    assert.deepEqual(await readdir(outbox.dir), []);
  });

  it("leaves a record in place when the replay has no webhook", async () => {
    slack.setArchived(true);
    await report(runSummary([failingTest("x", "Error: x")]));
    const replay = await replayOutbox({
      dir: outbox.dir,
      env: {},
      dryRun: false,
      log: memoryLog(),
    });
    assert.deepEqual(
      replay.left.map((left) => left.reason),
      ["set SLACK_WEBHOOK_URL"],
    );
  });

  it("sends nothing for a flaky-only run with send-on failure", async () => {
    const { log } = await report(
      runSummary([testRecord(), testRecord({ title: "s", outcome: "flaky" })]),
      { sendOn: "failure" },
    );
    assert.equal(slack.accepted.length + slack.rejected.length, 0);
    assert.match(log.notes[0] ?? "", /not sent \(send-on: failure, 0 failed\)/);
  });

  it("writes the payload in a dry run", async () => {
    const file = path.join(dir, "slack.json");
    await report(runSummary([failingTest("x", "Error: x")]), { dryRunFile: file });
    assert.equal(slack.accepted.length, 0);
    const written = JSON.parse(await readFile(file, "utf8")) as { messages: unknown[] };
    assert.equal(written.messages.length, 1);
  });
});
