// The reporters inside the real Playwright runner: single runs, sharded runs merged with
// `playwright merge-reports`, an outage replayed with the real `qaops report replay`.
import assert from "node:assert/strict";
import { cp } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { runQaops } from "../../test-support/run-qaops.ts";
import { Outbox } from "./delivery/outbox.ts";
import { FakeJiraServer } from "../../test-support/reporters/fake-jira-server.ts";
import type { FakeIssue } from "../../test-support/reporters/fake-jira-server.ts";
import { FakeSlackServer } from "../../test-support/reporters/fake-slack-server.ts";
import {
  InlineProject,
  reporterPaths,
  withoutReporterEnv,
} from "../../test-support/reporters/playwright-project.ts";

/** Three distinct failures (their messages vary in numbers and ids), one flaky test, two passing. */
const spec = `
import { randomUUID } from "node:crypto";
import { test, expect } from "@playwright/test";

test("creates an order", () => expect(1 + 1).toBe(2));
test("lists orders", () => expect([1, 2]).toHaveLength(2));

test.describe("payments", () => {
  test("charges the card", () => {
    if (!process.env.FIX_PAYMENTS) throw new Error("payment " + randomUUID() + " declined after " + (Date.now() % 997) + "ms");
  });
});

test("eta is precise", () => {
  expect(500 + Math.floor(Math.random() * 3), "status of GET /eta").toBe(200);
});

test("recommendations", async ({}, testInfo) => {
  await testInfo.attach("api-exchanges", { body: "#1 GET /recommendations\\nauthorization: Bearer ***\\n\\n→ 500", contentType: "text/plain" });
  throw new Error("GET http://127.0.0.1:" + (4000 + Math.floor(Math.random() * 999)) + "/recommendations answered 500");
});

test("search is flaky", ({}, testInfo) => {
  if (testInfo.retry === 0) throw new Error("socket hang up");
});
`;

const reporterOptions = `{ retry: { attempts: 2, baseDelayMs: 50, maxDelayMs: 2000 } }`;
const jiraReporter = `[${JSON.stringify(reporterPaths.jira)}, ${reporterOptions}]`;
const slackReporter = `[${JSON.stringify(reporterPaths.slack)}, ${reporterOptions}]`;
const reporters = `${jiraReporter}, ${slackReporter}`;
/** The Slack reporter listed first still links the tickets the Jira reporter opens. */
const slackFirst = `${slackReporter}, ${jiraReporter}`;

function config(extraReporters: string): string {
  return `export default {
  testDir: "tests",
  fullyParallel: true,
  retries: 1,
  workers: 2,
  reporter: [${extraReporters}],
  projects: [{ name: "order", testDir: "tests/order" }],
};
`;
}

const recurrenceComments = (issues: FakeIssue[]) =>
  issues
    .flatMap((issue) => issue.comments)
    .filter(
      (comment) => comment.via === "comment" && JSON.stringify(comment.body).includes("seen again"),
    );

describe("Jira and Slack reporters in Playwright", { timeout: 180_000 }, () => {
  let jira: FakeJiraServer;
  let slack: FakeSlackServer;
  let project: InlineProject;

  before(async () => {
    slack = await FakeSlackServer.start();
    project = await InlineProject.create({
      "tests/order/orders.spec.ts": spec,
      "playwright.config.ts": config(`["line"], ${slackFirst}`),
      "sharded.config.ts": config(`["blob"], ${reporters}`),
      "merge.config.ts": `export default { testDir: "tests", reporter: [${reporters}] };\n`,
    });
  });
  after(async () => {
    await slack.close();
    await project.remove();
  });

  const env = (extra: Record<string, string> = {}) => ({
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: jira.credentials.email,
    JIRA_API_TOKEN: jira.credentials.apiToken,
    JIRA_PROJECT_KEY: "QA",
    SLACK_WEBHOOK_URL: slack.webhookUrl,
    QAOPS_OUTBOX_DIR: project.path("outbox"),
    GITHUB_ACTIONS: "true",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_RUN_ID: "7001",
    GITHUB_SHA: "0123456789abcdef",
    ...extra,
  });

  it("three runs (3 failures, 1 flaky, then 1 fix): 3 tickets, 3 recurrence comments, no flaky bug, 1 transition", async () => {
    jira = await FakeJiraServer.start({ searchLagMs: 200 });
    try {
      const sent = slack.accepted.length;
      const runs = [
        await project.run(["test"], env({ JIRA_AUTO_RESOLVE_AFTER: "1" })),
        await project.run(["test"], env({ JIRA_AUTO_RESOLVE_AFTER: "1" })),
        await project.run(["test"], env({ JIRA_AUTO_RESOLVE_AFTER: "1", FIX_PAYMENTS: "1" })),
      ];
      for (const run of runs) {
        assert.equal(run.code, 1, "the failing tests fail the run; the reporters change nothing");
        assert.doesNotMatch(run.stderr, /warning:/, run.stderr);
      }
      assert.match(runs[0]?.stdout ?? "", /jira: 3 ticket\(s\) created, 0 updated/);

      const issues = jira.issues();
      assert.equal(issues.length, 3);
      assert.ok(
        issues.every((issue) => issue.issueType === "Bug" && !issue.labels.includes("qaops-flaky")),
      );
      assert.ok(
        issues.every((issue) => !issue.summary.includes("flaky")),
        "no bug for the flaky test",
      );
      assert.equal(recurrenceComments(issues).length, 3);
      const transitioned = issues.filter((issue) => issue.transitions.length > 0);
      assert.equal(transitioned.length, 1);
      assert.match(transitioned[0]?.summary ?? "", /^\[order\] payments › charges the card: /);
      assert.deepEqual(transitioned[0]?.transitions, ["Done"]);
      assertFailureDetails(issues.find((issue) => issue.summary.includes("recommendations")));

      const flakyCounts = jira.userProperties.get("qaops.flaky.QA") as {
        tests: Record<string, { n: number }>;
      };
      assert.deepEqual(
        Object.values(flakyCounts.tests).map((entry) => entry.n),
        [3],
      );

      const messages = slack.accepted.slice(sent);
      assert.equal(messages.length, 3);
      for (const message of messages.slice(0, 2)) {
        assert.match(
          JSON.stringify(message.payload),
          new RegExp(`${jira.url}/browse/QA-\\d\\|QA-\\d`),
          "each summary links the run's tickets, the ones just opened included",
        );
      }
    } finally {
      await jira.close();
    }
  });

  it("sharded: shards stay quiet, merge-reports reports once; an outage is replayed by `qaops report replay`", async () => {
    jira = await FakeJiraServer.start();
    try {
      // Each shard on its own machine, its blob report then gathered in one folder, as in CI.
      for (const shard of [1, 2]) {
        const run = await project.run(
          ["test", "-c", "sharded.config.ts", `--shard=${shard}/2`],
          env({ PLAYWRIGHT_BLOB_OUTPUT_DIR: `shard-${shard}` }),
        );
        assert.match(run.stdout, /jira: skipped on this shard/);
        assert.match(run.stdout, /slack: skipped on this shard/);
        await cp(project.path(`shard-${shard}`), project.path("blob-report"), { recursive: true });
      }
      assert.deepEqual(jira.requests, [], "no shard talks to Jira");
      const slackBefore = slack.accepted.length;
      const merge = () =>
        project.run(["merge-reports", "--config", "merge.config.ts", "blob-report"], env());

      jira.setDown(true);
      const down = await merge();
      assert.match(down.stderr, /warning: jira: Jira could not be reached .*saved to /);
      assert.doesNotMatch(down.stderr + down.stdout, /fake-api-token|fakeWebhookSecret/);
      assert.equal(slack.accepted.length, slackBefore + 1, "Slack hears of the merged run once");
      const waiting = await new Outbox(project.path("outbox")).list();
      assert.deepEqual(
        waiting.map((entry) => ("record" in entry ? entry.record.kind : entry.problem)),
        ["jira-run"],
      );

      jira.setDown(false);
      const replay = await runQaops(["report", "replay"], {
        cwd: project.dir,
        env: withoutReporterEnv(env()),
      });
      assert.equal(replay.code, 0, replay.stderr);
      assert.match(replay.stdout, /replay: 1 record\(s\) delivered, 0 left/);
      assert.equal(jira.issues().length, 3);
      assert.deepEqual(await new Outbox(project.path("outbox")).list(), []);
      const recommendations = jira
        .issues()
        .find((issue) => issue.summary.includes("recommendations"));
      assert.deepEqual(
        recommendations?.attachments.map((attachment) => attachment.filename).sort(),
        ["api-exchanges.txt", "error-context.md"],
        "attachments survive the merge and the outbox",
      );

      const slackBeforeAgain = slack.accepted.length;
      const again = await merge();
      assert.match(again.stdout, /jira: 0 ticket\(s\) created, 3 updated/);
      assert.match(
        JSON.stringify(slack.accepted[slackBeforeAgain]?.payload),
        new RegExp(`${jira.url}/browse/QA-\\d\\|QA-\\d`),
      );
      assert.equal(jira.issues().length, 3, "tickets are created once");
    } finally {
      await jira.close();
    }
  });
});

/** A failure's ticket carries its API exchanges, the command that reproduces it and the run. */
function assertFailureDetails(withExchanges: FakeIssue | undefined): void {
  assert.ok(
    withExchanges?.attachments.some((attachment) => attachment.filename === "api-exchanges.txt"),
  );
  assert.match(
    JSON.stringify(withExchanges?.description),
    /Request and response.*#1 GET \/recommendations/,
  );
  assert.match(
    JSON.stringify(withExchanges?.description),
    /npx playwright test tests\/order\/orders.spec.ts -g \\"recommendations\\" --project=order/,
  );
  assert.match(
    JSON.stringify(withExchanges?.description),
    /https:\/\/github.com\/acme\/shop\/actions\/runs\/7001/,
  );
}
