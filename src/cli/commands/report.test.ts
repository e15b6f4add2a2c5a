import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { Outbox } from "../../reporters/delivery/outbox.ts";
import { withoutReporterEnv } from "../../../test-support/reporters/playwright-project.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

describe("qaops report replay", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "replay-cli-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const replay = (args: string[], env: Record<string, string> = {}) =>
    runQaops(["report", "replay", ...args], { cwd: dir, env: withoutReporterEnv(env) });

  it("says when nothing is waiting", async () => {
    const result = await replay(["--outbox", path.join(dir, "empty")]);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /replay: nothing waiting in .*empty/);
  });

  it("lists waiting records in a dry run, and exits 1 when it cannot deliver them", async () => {
    const outbox = new Outbox(path.join(dir, "box"));
    const id = outbox.newId("slack");
    await outbox.write({
      version: 1,
      id,
      createdAt: "2026-05-04T10:00:00.000Z",
      channel: "slack",
      kind: "slack-messages",
      attempts: 1,
      lastError: "Slack answered 500",
      payload: {
        webhook: "abc",
        minIntervalMs: 0,
        retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
        messages: [{ text: "t", blocks: [] }],
      },
    });
    const listed = await replay(["--dry-run"], { QAOPS_OUTBOX_DIR: outbox.dir });
    assert.equal(listed.code, 0);
    assert.match(
      listed.stdout,
      new RegExp(`${id}: 1 Slack message\\(s\\) \\(tried 1×, last: Slack answered 500\\)`),
    );

    const failed = await replay(["--outbox", outbox.dir]);
    assert.equal(failed.code, 1);
    assert.match(
      failed.stderr,
      new RegExp(`warning: replay: ${id}: left in the outbox \\(set SLACK_WEBHOOK_URL\\)`),
    );
    assert.match(failed.stdout, /replay: 0 record\(s\) delivered, 1 left/);
  });

  it("rejects an unknown action as bad usage", async () => {
    const result = await runQaops(["report", "resend"], { cwd: dir, env: withoutReporterEnv({}) });
    assert.equal(result.code, 2);
  });
});
