import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureFingerprint } from "../run-summary/fingerprint.ts";
import { blockProblem } from "../../../test-support/reporters/fake-slack-server.ts";
import {
  failingTest,
  manyFailures,
  runSummary,
  testRecord,
} from "../../../test-support/reporters/summary-fixtures.ts";
import type { SlackMessage } from "./block-kit.ts";
import {
  buildSlackMessages,
  defaultSlackSummaryOptions,
  formatDuration,
  shouldSend,
} from "./slack-payload.ts";

const withReport = { reportUrl: "https://ci.example/report/index.html" };

function allText(messages: SlackMessage[]): string {
  return JSON.stringify(messages.map((message) => message.blocks));
}

/** Failures a message set names: bullet lines, plus the "+N more" count. */
function accountedFailures(messages: SlackMessage[]): { listed: number; more: number } {
  const text = allText(messages);
  const listed = (text.match(/\\n• case /g) ?? []).length;
  const more = Number(/\+(\d+) more failed test/.exec(text)?.[1] ?? 0);
  return { listed, more };
}

describe("buildSlackMessages", () => {
  it("summarises 600 failures in one valid message, listing 50 and counting the rest with a link", () => {
    const messages = buildSlackMessages(
      runSummary(manyFailures(600), withReport),
      defaultSlackSummaryOptions,
    );
    assert.equal(messages.length, 1);
    for (const message of messages) assert.equal(blockProblem(message.blocks), undefined);
    assert.deepEqual(accountedFailures(messages), { listed: 50, more: 550 });
    assert.match(
      allText(messages),
      /\+550 more failed tests — <https:\/\/ci.example\/report\/index.html\|see the full report>/,
    );
    assert.match(
      allText(messages),
      /Most common errors.*600× `Error: connect ECONNREFUSED &lt;host&gt;`/,
    );
  });

  it("splits a long list over messages of at most 50 blocks, and cuts it with +N more past maxMessages", () => {
    const summary = runSummary(manyFailures(600), withReport);
    const messages = buildSlackMessages(summary, {
      ...defaultSlackSummaryOptions,
      maxFailuresListed: 600,
      maxMessages: 3,
    });
    assert.ok(messages.length > 1 && messages.length <= 3, `${messages.length} messages`);
    for (const message of messages) {
      assert.ok(message.blocks.length <= 50);
      assert.equal(blockProblem(message.blocks), undefined);
    }
    const { listed, more } = accountedFailures(messages);
    assert.equal(listed + more, 600);
    assert.match(messages[1]?.text ?? "", /continued 2\//);
  });

  it("lists every failure when they fit, and names no +N more", () => {
    const messages = buildSlackMessages(runSummary(manyFailures(600)), {
      ...defaultSlackSummaryOptions,
      maxFailuresListed: 600,
      maxMessages: 10,
    });
    assert.deepEqual(accountedFailures(messages), { listed: 600, more: 0 });
  });

  it("groups failures by project and file and links their Jira tickets", () => {
    const failure = failingTest("charges the card", "Error: declined <b>", {
      project: "order",
      file: "pay.spec.ts",
    });
    const fingerprint = failureFingerprint(failure);
    const [message] = buildSlackMessages(runSummary([failure, testRecord()]), {
      ...defaultSlackSummaryOptions,
      ticketFor: (candidate) =>
        candidate === fingerprint
          ? { fingerprint, key: "QA-12", url: "https://acme.atlassian.net/browse/QA-12" }
          : undefined,
    });
    const text = allText(message ? [message] : []);
    assert.match(text, /\*order\* › `pay.spec.ts` \(1 failed\)/);
    assert.match(
      text,
      /• charges the card — `Error: declined &lt;b&gt;` — <https:\/\/acme.atlassian.net\/browse\/QA-12\|QA-12>/,
    );
  });

  it("shows counts, duration, environment, commit and links; keeps the header within 150 characters", () => {
    const [message] = buildSlackMessages(
      runSummary([testRecord(), testRecord({ title: "b", outcome: "skipped" })], {
        environment: "staging",
        ...withReport,
      }),
      { ...defaultSlackSummaryOptions, title: "T".repeat(200) },
    );
    assert.ok(message);
    const header = message.blocks[0];
    assert.ok(header?.type === "header" && header.text.text.length <= 150);
    const fields = message.blocks[1];
    assert.ok(fields?.type === "section" && "fields" in fields);
    assert.deepEqual(
      fields.fields.map((field) => field.text),
      [
        "*Passed*\n1",
        "*Failed*\n0",
        "*Flaky*\n0",
        "*Skipped*\n1",
        "*Duration*\n1m 23s",
        "*Environment*\nstaging",
        "*Commit*\n`0123456789ab` on main",
      ],
    );
    assert.match(
      allText([message]),
      /<https:\/\/github.com\/acme\/shop\/actions\/runs\/42\|CI run> {2}· {2}<https:\/\/ci.example\/report\/index.html\|HTML report>/,
    );
  });

  it("reports flaky tests as passed, listed apart", () => {
    const summary = runSummary([testRecord(), testRecord({ title: "search", outcome: "flaky" })]);
    const [message] = buildSlackMessages(summary, defaultSlackSummaryOptions);
    assert.match(
      allText(message ? [message] : []),
      /✅ API tests: passed.*\*Flaky\* \(failed, then passed on retry\)\\n• order › search/,
    );
  });
});

describe("shouldSend", () => {
  const passed = runSummary([testRecord()]);
  const flakyOnly = runSummary([testRecord({ outcome: "flaky" })]);
  const failed = runSummary([failingTest("x", "Error: x")]);

  it("sends on failure only when a test failed; flaky is not a failure", () => {
    assert.equal(shouldSend(passed, "failure"), false);
    assert.equal(shouldSend(flakyOnly, "failure"), false);
    assert.equal(shouldSend(failed, "failure"), true);
    assert.equal(shouldSend({ ...passed, status: "timedout" }, "failure"), true);
  });

  it("always sends with always, never with never", () => {
    assert.equal(shouldSend(passed, "always"), true);
    assert.equal(shouldSend(failed, "never"), false);
  });
});

describe("formatDuration", () => {
  it("reads as seconds, minutes or hours", () => {
    assert.deepEqual(
      [formatDuration(4_400), formatDuration(83_000), formatDuration(7_260_000)],
      ["4s", "1m 23s", "2h 1m"],
    );
  });
});
