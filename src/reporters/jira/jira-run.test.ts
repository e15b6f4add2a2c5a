import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { Outbox } from "../delivery/outbox.ts";
import { memoryLog } from "../reporter-log.ts";
import { replayOutbox } from "../replay-outbox.ts";
import type { TestRecord } from "../run-summary/run-summary.ts";
import { FakeJiraServer } from "../../../test-support/reporters/fake-jira-server.ts";
import type { FakeJiraOptions } from "../../../test-support/reporters/fake-jira-server.ts";
import {
  failingTest,
  runSummary,
  testRecord,
} from "../../../test-support/reporters/summary-fixtures.ts";
import { CloudJiraGateway } from "./cloud-gateway.ts";
import { DataCenterJiraGateway } from "./data-center-gateway.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import { reportRunToJira } from "./jira-run.ts";
import type { JiraRunOptions } from "./jira-run.ts";
import type { JiraPlanOptions } from "./jira-settings.ts";

const plan: JiraPlanOptions = {
  siteUrl: "",
  projectKey: "QA",
  issueType: "Bug",
  flakyIssueType: "Task",
  flakyThreshold: 2,
  autoResolveAfter: 1,
  massFailureThreshold: 20,
  environmentIssueType: "Bug",
  labels: [],
  owners: [],
  attachments: ["api-exchanges", "trace"],
  maxAttachmentBytes: 10_000,
};
const fastRetry = { attempts: 3, baseDelayMs: 20, maxDelayMs: 2_000 };

const payment = failingTest("charges the card", "Error: payment 17 declined", {
  attachments: [
    { name: "api-exchanges", contentType: "text/plain", text: "#1 POST /payments\n→ 402" },
  ],
});
const eta = failingTest("quotes an eta", "Error: expected 200, got 500");

describe("reportRunToJira against the fake Jira Cloud", () => {
  let jira: FakeJiraServer;
  let dir: string;
  let outbox: Outbox;

  const start = async (options: FakeJiraOptions = {}) => {
    jira = await FakeJiraServer.start(options);
  };
  const gateway = (): JiraGateway =>
    new CloudJiraGateway({ siteUrl: jira.url, ...jira.credentials, schemaMismatch: "throw" });
  const report = (tests: TestRecord[], overrides: Partial<JiraRunOptions> = {}) => {
    const log = memoryLog();
    const options: JiraRunOptions = {
      summary: runSummary(tests),
      plan: { ...plan, siteUrl: jira.url },
      retry: fastRetry,
      concurrency: 4,
      gateway: gateway(),
      outbox,
      log,
      ...overrides,
    };
    return reportRunToJira(options).then((result) => ({ result, log }));
  };

  const jiraEnv = () => ({
    JIRA_BASE_URL: jira.url,
    JIRA_EMAIL: jira.credentials.email,
    JIRA_API_TOKEN: jira.credentials.apiToken,
    JIRA_PROJECT_KEY: "QA",
  });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "jira-run-"));
    outbox = new Outbox(path.join(dir, "outbox"));
  });
  afterEach(async () => {
    await jira.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("creates tickets with ADF, attachments and state, then records recurrences on one comment", async () => {
    await start();
    const first = await report([payment, eta, testRecord()]);
    assert.deepEqual(first.log.warnings, []);
    assert.equal(jira.issues().length, 2);
    const ticket = jira.issues().find((issue) => issue.summary.includes("charges the card"));
    assert.equal(ticket?.attachments[0]?.filename, "api-exchanges.txt");
    assert.deepEqual(first.result.tickets.map((link) => link.url).sort(), [
      `${jira.url}/browse/QA-1`,
      `${jira.url}/browse/QA-2`,
    ]);

    await report([payment, eta]);
    await report([payment, eta]);
    assert.equal(jira.issues().length, 2);
    for (const issue of jira.issues()) {
      assert.equal(issue.comments.length, 1);
      assert.equal(issue.comments[0]?.edits, 1);
      assert.equal((issue.properties.qaops as { occurrences: number }).occurrences, 3);
    }
  });

  it("waits out a 429 burst as Retry-After says and delivers everything", async () => {
    await start();
    jira.injectFaults({
      count: 2,
      status: 429,
      retryAfterSeconds: 1,
      method: "POST",
      path: /\/issue$/,
    });
    const started = Date.now();
    const { log } = await report([payment, eta]);
    assert.ok(Date.now() - started >= 1_000);
    assert.equal(jira.issues().length, 2);
    assert.deepEqual(log.warnings, []);
    assert.equal(jira.requests.filter((request) => request.status === 429).length, 2);
  });

  it("saves what failed to the outbox and a replay delivers just that", async () => {
    await start();
    jira.injectFaults({ count: 99, status: 503, path: /\/attachments$/ });
    const { result, log } = await report([payment]);
    assert.equal(jira.issues().length, 1);
    assert.match(
      log.warnings[0] ?? "",
      /1 Jira operation\(s\) not delivered .*attach 1 file\(s\) to QA-1.*503/,
    );
    const saved = JSON.parse(await readFile(result.savedTo ?? "", "utf8")) as {
      kind: string;
      payload: { operations: { op: string }[] };
    };
    assert.equal(saved.kind, "jira-operations");
    assert.deepEqual(
      saved.payload.operations.map((operation) => operation.op),
      ["attach"],
    );

    jira.clearFaults();
    const replay = await replayOutbox({
      dir: outbox.dir,
      env: jiraEnv(),
      dryRun: false,
      log: memoryLog(),
    });
    assert.equal(replay.delivered.length, 1);
    assert.deepEqual(
      jira.issues()[0]?.attachments.map((attachment) => attachment.filename),
      ["api-exchanges.txt"],
    );
    assert.equal(jira.issues().length, 1);
    assert.deepEqual(await outbox.list(), []);
  });

  it("saves the whole run when Jira is down, and a replay plans and delivers it", async () => {
    await start();
    jira.setDown(true);
    const { result, log } = await report([payment, eta]);
    assert.match(
      log.warnings[0] ?? "",
      /Jira could not be reached .*503.*run `qaops report replay`/,
    );
    assert.equal(jira.issues().length, 0);
    assert.ok(result.savedTo);

    jira.setDown(false);
    const replayLog = memoryLog();
    const replay = await replayOutbox({
      dir: outbox.dir,
      env: jiraEnv(),
      dryRun: false,
      log: replayLog,
    });
    assert.equal(replay.delivered.length, 1);
    assert.deepEqual(replay.left, []);
    assert.equal(jira.issues().length, 2);
    assert.deepEqual(await outbox.list(), []);
  });

  it("resolves through the workflow's own transition and reopens on regression", async () => {
    await start();
    await report([payment]);
    await report([{ ...payment, outcome: "passed" }]);
    const issue = jira.issues()[0];
    assert.equal(issue?.status, "Done");
    assert.deepEqual(issue?.transitions, ["Done"]);
    assert.match(JSON.stringify(issue?.comments.at(-1)?.body), /passing again/);

    await report([payment]);
    assert.equal(jira.issues().length, 1);
    assert.equal(issue?.status, "To Do");
    assert.deepEqual(issue?.transitions, ["Done", "Reopen"]);
  });

  it("names the transition when the workflow calls it differently, and says so when there is none", async () => {
    await start({ workflow: [{ id: "7", name: "Close issue", from: ["To Do"], to: "Done" }] });
    await report([payment]);
    const { log } = await report([{ ...payment, outcome: "passed" }], {
      plan: { ...plan, siteUrl: jira.url, doneTransition: "Close issue" },
    });
    assert.deepEqual(log.warnings, []);
    assert.equal(jira.issues()[0]?.status, "Done");

    await report([eta]);
    const { log: second } = await report([{ ...eta, outcome: "passed" }], {
      plan: { ...plan, siteUrl: jira.url, doneTransition: "Resolve" },
    });
    assert.match(
      second.notes.join("\n"),
      /QA-2: no transition to a done status named "Resolve" in its workflow \(Close issue\); left as it is/,
    );
  });

  it("adds the recurrence comment again when someone deleted it", async () => {
    await start();
    await report([payment]);
    await report([payment]);
    const issue = jira.issues()[0];
    issue?.comments.splice(0);
    await report([payment]);
    assert.equal(issue?.comments.length, 1);
    assert.match(JSON.stringify(issue?.comments[0]?.body), /3 runs in total/);
  });

  it("counts flaky runs in a user property and opens a flaky ticket at the threshold, never a bug", async () => {
    await start();
    const flaky = testRecord({ title: "searches", outcome: "flaky" });
    await report([flaky]);
    assert.equal(jira.issues().length, 0);
    assert.deepEqual(
      Object.values((jira.userProperties.get("qaops.flaky.QA") as { tests: object }).tests).map(
        (entry: { n: number }) => entry.n,
      ),
      [1],
    );
    await report([flaky]);
    const [ticket] = jira.issues();
    assert.equal(ticket?.issueType, "Task");
    assert.ok(ticket?.labels.includes("qaops-flaky"));
  });

  it("in a dry run, writes the planned operations to a file and sends nothing", async () => {
    await start();
    const file = path.join(dir, "plan.json");
    const { log } = await report([payment, eta], { dryRunFile: file });
    const written = JSON.parse(await readFile(file, "utf8")) as { operations: { op: string }[] };
    assert.deepEqual(
      written.operations.map((operation) => operation.op),
      ["create", "create"],
    );
    assert.deepEqual(
      jira.requests.filter(
        (request) => request.method !== "GET" && !request.path.endsWith("/search/jql"),
      ),
      [],
    );
    assert.match(log.notes.join("\n"), /dry run: 2 operation\(s\) written/);
  });
});

describe("reportRunToJira against the fake Jira Data Center", () => {
  it("creates and updates tickets over REST v2 with wiki markup and a personal access token", async () => {
    const jira = await FakeJiraServer.start({ deployment: "data-center", searchPageSize: 1 });
    const dir = await mkdtemp(path.join(tmpdir(), "jira-dc-"));
    try {
      const options = {
        plan: { ...plan, siteUrl: jira.url },
        retry: fastRetry,
        concurrency: 2,
        gateway: new DataCenterJiraGateway({
          siteUrl: jira.url,
          personalAccessToken: jira.credentials.personalAccessToken,
        }),
        outbox: new Outbox(path.join(dir, "outbox")),
        log: memoryLog(),
      };
      await reportRunToJira({ ...options, summary: runSummary([payment, eta]) });
      await reportRunToJira({ ...options, summary: runSummary([payment, eta]) });
      assert.equal(jira.issues().length, 2);
      const issue = jira.issues()[0];
      assert.match(
        String(issue?.description),
        /^\*Test: \*\{\{order › orders.spec.ts › charges the card\}\}/,
      );
      assert.equal(typeof issue?.comments[0]?.body, "string");
      assert.deepEqual(options.log.warnings, []);
    } finally {
      await jira.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
