// Proves the fake webhook refuses what Slack refuses, with Slack's own error bodies.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FakeSlackServer } from "./fake-slack-server.ts";

describe("FakeSlackServer", () => {
  let slack: FakeSlackServer;
  before(async () => {
    slack = await FakeSlackServer.start();
  });
  after(() => slack.close());

  const post = async (payload: unknown, url = slack.webhookUrl) => {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    return {
      status: response.status,
      body: await response.text(),
      retryAfter: response.headers.get("retry-after"),
    };
  };
  const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

  it("accepts a valid message", async () => {
    assert.deepEqual(await post({ text: "hi", blocks: [section("hi")] }), {
      status: 200,
      body: "ok",
      retryAfter: null,
    });
  });

  it("answers no_text without text or blocks", async () => {
    assert.equal((await post({ text: "" })).body, "no_text");
  });

  it("answers invalid_blocks past each Block Kit limit", async () => {
    const field = { type: "mrkdwn", text: "f" };
    for (const blocks of [
      Array.from({ length: 51 }, () => section("x")),
      [section("x".repeat(3_001))],
      [{ type: "header", text: { type: "plain_text", text: "h".repeat(151) } }],
      [{ type: "header", text: { type: "mrkdwn", text: "h" } }],
      [{ type: "section", fields: Array.from({ length: 11 }, () => field) }],
      [{ type: "section", fields: [{ type: "mrkdwn", text: "f".repeat(2_001) }] }],
    ]) {
      assert.deepEqual(await post({ text: "t", blocks }), {
        status: 400,
        body: "invalid_blocks",
        retryAfter: null,
      });
    }
  });

  it("answers 404 for another path, 410 channel_is_archived, and injected 429 and 500", async () => {
    assert.equal((await post({ text: "t" }, `${slack.url}/services/T/B/wrong`)).status, 404);
    slack.setArchived(true);
    assert.deepEqual(await post({ text: "t" }), {
      status: 410,
      body: "channel_is_archived",
      retryAfter: null,
    });
    slack.setArchived(false);
    slack.injectFaults({ count: 1, status: 429, retryAfterSeconds: 1 });
    assert.deepEqual(await post({ text: "t" }), {
      status: 429,
      body: "rate_limited",
      retryAfter: "1",
    });
    slack.injectFaults({ count: 1, status: 500 });
    assert.equal((await post({ text: "t" })).status, 500);
  });
});
