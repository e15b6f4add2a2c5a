import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failureFingerprint } from "../run-summary/fingerprint.ts";
import {
  failingTest,
  runSummary,
  testRecord,
} from "../../../test-support/reporters/summary-fixtures.ts";
import { now, only, options, plan, ticket } from "../../../test-support/reporters/plan-fixtures.ts";
import { adfSize } from "./adf.ts";
import { planJiraOperations } from "./ticket-planner.ts";

const broken = failingTest("charges the card", "Error: payment 4411 declined", {
  titlePath: ["payments", "charges the card"],
  attachments: [
    {
      name: "api-exchanges",
      contentType: "text/plain",
      text: "#1 POST http://127.0.0.1:4310/payments\n\n→ 402",
    },
    { name: "screenshot", contentType: "image/png", path: "/tmp/shot.png" },
    { name: "trace", contentType: "application/zip", path: "/blob/resources/9f1c2e.zip" },
  ],
});

describe("planJiraOperations: new failures", () => {
  it("opens one ticket per new failure, labelled with its fingerprint and test", () => {
    const { operations } = plan([broken, testRecord({ title: "lists orders" })]);
    assert.equal(operations.length, 1);
    const [create] = only(operations, "create");
    assert.ok(create);
    assert.equal(create.fields.issueType, "Bug");
    assert.equal(
      create.fields.summary,
      "[order] payments › charges the card: Error: payment 4411 declined",
    );
    assert.deepEqual(create.fields.labels, [
      "qaops",
      `qaops-fp-${failureFingerprint(broken)}`,
      `qaops-test-${broken.testKey}`,
    ]);
    assert.equal(create.state.occurrences, 1);
    assert.equal(create.state.lastSeen, now.toISOString());
    assert.deepEqual(create.state.recent, [
      {
        at: now.toISOString(),
        runUrl: "https://github.com/acme/shop/actions/runs/42",
        commit: "0123456789abcdef0123",
      },
    ]);
  });

  it("attaches only the configured attachments, text inline, files by path", () => {
    const [create] = only(plan([broken]).operations, "create");
    assert.deepEqual(create?.attachments, [
      {
        filename: "api-exchanges.txt",
        contentType: "text/plain",
        text: "#1 POST http://127.0.0.1:4310/payments\n\n→ 402",
      },
      // Named after the attachment: merge-reports renames the files to hashes.
      { filename: "trace.zip", contentType: "application/zip", path: "/blob/resources/9f1c2e.zip" },
    ]);
  });

  it("caps an attachment's text at maxAttachmentBytes", () => {
    const big = {
      ...broken,
      attachments: [{ name: "api-exchanges", contentType: "text/plain", text: "x".repeat(5_000) }],
    };
    const [create] = only(plan([big]).operations, "create");
    assert.ok((create?.attachments[0]?.text?.length ?? 0) < 1_100);
    assert.match(create?.attachments[0]?.text ?? "", /cut at 1000 characters$/);
  });

  it("opens one ticket when the same failure shows up twice in a run (repeat-each)", () => {
    const again = { ...broken, error: { message: "Error: payment 9 declined" } };
    assert.equal(only(plan([broken, again]).operations, "create").length, 1);
  });

  it("keeps the summary within Jira's 255 characters", () => {
    const long = failingTest("x".repeat(400), "Error: boom");
    const [create] = only(plan([long]).operations, "create");
    assert.equal(create?.fields.summary.length, 255);
    assert.ok(create?.fields.summary.endsWith("…"));
  });

  it("keeps the description under Jira's 32,767-character limit however long the error and exchanges", () => {
    const huge = failingTest("floods", `Error: ${"e".repeat(60_000)}`, {
      attachments: [{ name: "api-exchanges", contentType: "text/plain", text: "r".repeat(90_000) }],
    });
    const [create] = only(plan([huge]).operations, "create");
    assert.ok(create && adfSize(create.fields.description) < 32_767);
  });

  it("routes owners by tag, annotation and project; labels lose their spaces", () => {
    const tagged = {
      ...broken,
      tags: ["@payments"],
      annotations: [{ type: "jira-component", description: "search" }],
    };
    const { operations } = planJiraOperations({
      summary: runSummary([tagged]),
      existing: [],
      now,
      options: {
        ...options,
        labels: ["api-suite"],
        owners: [
          {
            tag: "@payments",
            component: "payments",
            assignee: "acc-123",
            labels: ["team payments"],
          },
          { project: "eta", component: "eta" },
        ],
      },
    });
    const [create] = only(operations, "create");
    assert.deepEqual(create?.fields.components, ["search", "payments"]);
    assert.equal(create?.fields.assignee, "acc-123");
    assert.ok(create?.fields.labels.includes("team-payments"));
    assert.ok(create?.fields.labels.includes("api-suite"));
  });

  it("is pure: the same input plans the same operations", () => {
    assert.deepEqual(plan([broken]), plan([broken]));
  });
});

describe("planJiraOperations: lifecycle of existing tickets", () => {
  it("records a recurrence on the one comment, counting runs and keeping five recent ones", () => {
    const recent = Array.from({ length: 5 }, (_, index) => ({
      at: `2026-05-0${index + 1}T00:00:00.000Z`,
    }));
    const { operations, knownTickets } = plan([broken], {
      existing: [ticket(broken, { state: { recent, passStreak: 1 } })],
    });
    assert.deepEqual(
      operations.map((operation) => operation.op),
      ["recur"],
    );
    const [recur] = only(operations, "recur");
    assert.equal(recur?.key, "QA-7");
    assert.equal(recur?.state.occurrences, 3);
    assert.equal(recur?.state.passStreak, 0);
    assert.equal(recur?.state.commentId, "9001");
    assert.equal(recur?.state.recent.length, 5);
    assert.equal(recur?.state.recent[0]?.at, now.toISOString());
    assert.match(JSON.stringify(recur?.comment), /seen again.*3 runs in total/);
    assert.deepEqual(knownTickets, [{ fingerprint: failureFingerprint(broken), key: "QA-7" }]);
  });

  it("reopens a resolved ticket whose failure is back, with the configured transition", () => {
    const { operations } = planJiraOperations({
      summary: runSummary([broken]),
      existing: [ticket(broken, { done: true })],
      options: { ...options, reopenTransition: "Back to work" },
      now,
    });
    const [reopen] = only(operations, "transition");
    assert.equal(reopen?.to, "reopen");
    assert.equal(reopen?.transitionName, "Back to work");
    assert.match(JSON.stringify(reopen?.comment), /failing again/);
    assert.equal(only(operations, "create").length, 0);
  });

  it("prefers the open ticket when a fingerprint has an open and a resolved one", () => {
    const { operations } = plan([broken], {
      existing: [ticket(broken, { key: "QA-1", done: true }), ticket(broken, { key: "QA-2" })],
    });
    assert.deepEqual(
      operations.map((operation) => [operation.op, "key" in operation ? operation.key : ""]),
      [["recur", "QA-2"]],
    );
  });

  it("resolves after autoResolveAfter passing runs in a row, counting on the ticket", () => {
    const passing = { ...broken, outcome: "passed" as const };
    const twoRuns = { ...options, autoResolveAfter: 2 };
    const first = planJiraOperations({
      summary: runSummary([passing]),
      existing: [ticket(broken)],
      options: twoRuns,
      now,
    });
    assert.deepEqual(
      first.operations.map((operation) => operation.op),
      ["set-state"],
    );
    assert.equal(only(first.operations, "set-state")[0]?.state.passStreak, 1);

    const second = planJiraOperations({
      summary: runSummary([passing]),
      existing: [ticket(broken, { state: { passStreak: 1 } })],
      options: twoRuns,
      now,
    });
    const [resolve] = only(second.operations, "transition");
    assert.equal(resolve?.to, "done");
    assert.equal(resolve?.state.passStreak, 2);
    assert.match(JSON.stringify(resolve?.comment), /2 runs in a row/);
  });

  it("breaks the streak when the test fails another way; flaky or absent tests change nothing", () => {
    const withStreak = ticket(broken, { state: { passStreak: 1 } });
    const resolving = { ...options, autoResolveAfter: 3 };
    const otherFailure = { ...broken, error: { message: "Error: card expired" } };
    const reset = planJiraOperations({
      summary: runSummary([otherFailure]),
      existing: [withStreak],
      options: resolving,
      now,
    });
    assert.equal(only(reset.operations, "set-state")[0]?.state.passStreak, 0);

    const flaky = { ...broken, outcome: "flaky" as const };
    const neutral = planJiraOperations({
      summary: runSummary([flaky]),
      existing: [withStreak],
      options: { ...resolving, flakyThreshold: 0 },
      now,
    });
    assert.deepEqual(neutral.operations, []);
    const absent = planJiraOperations({
      summary: runSummary([testRecord({ title: "other" })]),
      existing: [withStreak],
      options: resolving,
      now,
    });
    assert.deepEqual(absent.operations, []);
  });

  it("never resolves with autoResolveAfter 0", () => {
    const passing = { ...broken, outcome: "passed" as const };
    assert.deepEqual(plan([passing], { existing: [ticket(broken)] }).operations, []);
  });
});
