// Proves the fake Jira holds the reporters to the real API's rules, not to whatever they send.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { FakeJiraServer } from "./fake-jira-server.ts";

const adf = {
  type: "doc",
  version: 1,
  content: [{ type: "paragraph", content: [{ type: "text", text: "hi" }] }],
};

describe("FakeJiraServer (Cloud)", () => {
  let jira: FakeJiraServer;
  let auth: string;
  before(async () => {
    jira = await FakeJiraServer.start({ searchLagMs: 1_500, searchPageSize: 2 });
    auth = `Basic ${Buffer.from(`${jira.credentials.email}:${jira.credentials.apiToken}`).toString("base64")}`;
  });
  after(() => jira.close());

  const call = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await fetch(`${jira.url}${path}`, {
      method,
      headers: { authorization: auth, "content-type": "application/json", ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    };
  };
  const create = (fields: Record<string, unknown>) =>
    call("POST", "/rest/api/3/issue", {
      fields: {
        project: { key: "QA" },
        issuetype: { name: "Bug" },
        summary: "s",
        description: adf,
        labels: ["qaops"],
        ...fields,
      },
    });

  it("refuses a v3 description that is a string, not ADF", async () => {
    const answer = await create({ description: "plain text" });
    assert.equal(answer.status, 400);
    assert.match(JSON.stringify(answer.body), /must be an Atlassian Document/);
  });

  it("refuses ADF with an empty text node", async () => {
    const answer = await create({
      description: {
        type: "doc",
        version: 1,
        content: [{ type: "paragraph", content: [{ type: "text", text: "" }] }],
      },
    });
    assert.equal(answer.status, 400);
  });

  it("refuses summaries over 255 characters, labels with spaces and unknown issue types", async () => {
    assert.equal((await create({ summary: "x".repeat(256) })).status, 400);
    const labelled = await create({ labels: ["two words"] });
    assert.equal(labelled.status, 400);
    assert.match(JSON.stringify(labelled.body), /contains spaces/);
    assert.equal((await create({ issuetype: { name: "Incident" } })).status, 400);
  });

  it("refuses wrong credentials", async () => {
    const answer = await fetch(`${jira.url}/rest/api/3/myself`, {
      headers: { authorization: "Basic bm9wZQ==" },
    });
    assert.equal(answer.status, 401);
  });

  it("answers 410 on the removed /rest/api/3/search and 400 on unbounded JQL", async () => {
    assert.equal((await call("POST", "/rest/api/3/search", { jql: "project = QA" })).status, 410);
    assert.equal(
      (await call("POST", "/rest/api/3/search/jql", { jql: "ORDER BY created" })).status,
      400,
    );
    assert.equal(
      (await call("POST", "/rest/api/3/search/jql", { jql: "priority = High" })).status,
      400,
    );
  });

  it("hides new issues from search for a while, then pages them with nextPageToken", async () => {
    for (const summary of ["a", "b", "c"])
      assert.equal((await create({ summary, labels: ["paged"] })).status, 201);
    const jql = 'project = QA AND labels = "paged" ORDER BY created ASC';
    const early = await call("POST", "/rest/api/3/search/jql", { jql, fields: ["summary"] });
    assert.deepEqual(early.body.issues, []);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const first = await call("POST", "/rest/api/3/search/jql", {
      jql,
      fields: ["summary"],
      maxResults: 50,
    });
    const issues = first.body.issues as { fields: { summary: string } }[];
    assert.deepEqual(
      issues.map((issue) => issue.fields.summary),
      ["a", "b"],
    );
    assert.equal(first.body.isLast, false);
    const second = await call("POST", "/rest/api/3/search/jql", {
      jql,
      fields: ["summary"],
      nextPageToken: first.body.nextPageToken,
    });
    assert.deepEqual(
      (second.body.issues as { fields: { summary: string } }[]).map(
        (issue) => issue.fields.summary,
      ),
      ["c"],
    );
    assert.equal(second.body.isLast, true);
    const idsOnly = await call("GET", `/rest/api/3/search/jql?jql=${encodeURIComponent(jql)}`);
    assert.deepEqual((idsOnly.body.issues as { fields: object }[])[0]?.fields, {});
  });

  it("offers transitions by the issue's status and refuses others", async () => {
    const { body } = await create({ summary: "flow" });
    const key = String(body.key);
    const offered = await call("GET", `/rest/api/3/issue/${key}/transitions`);
    assert.deepEqual(
      (offered.body.transitions as { name: string }[]).map((t) => t.name),
      ["Start Progress", "Done"],
    );
    assert.equal(
      (await call("POST", `/rest/api/3/issue/${key}/transitions`, { transition: { id: "41" } }))
        .status,
      400,
    );
    assert.equal(
      (await call("POST", `/rest/api/3/issue/${key}/transitions`, { transition: { id: "31" } }))
        .status,
      204,
    );
    assert.equal(jira.issue(key)?.status, "Done");
  });

  it("takes attachments only as multipart with X-Atlassian-Token: no-check", async () => {
    const { body } = await create({ summary: "attach" });
    const form = () => {
      const data = new FormData();
      data.append("file", new Blob(["log"]), "log.txt");
      return data;
    };
    const path = `${jira.url}/rest/api/3/issue/${String(body.key)}/attachments`;
    const refused = await fetch(path, {
      method: "POST",
      headers: { authorization: auth },
      body: form(),
    });
    assert.equal(refused.status, 403);
    const accepted = await fetch(path, {
      method: "POST",
      headers: { authorization: auth, "x-atlassian-token": "no-check" },
      body: form(),
    });
    assert.equal(accepted.status, 200);
    assert.equal(jira.issue(String(body.key))?.attachments[0]?.content.toString(), "log");
  });

  it("answers injected 429 bursts with Retry-After", async () => {
    jira.injectFaults({ count: 1, status: 429, retryAfterSeconds: 2 });
    const answer = await call("GET", "/rest/api/3/myself");
    assert.equal(answer.status, 429);
    assert.equal(answer.headers.get("retry-after"), "2");
    assert.equal((await call("GET", "/rest/api/3/myself")).status, 200);
  });
});

describe("FakeJiraServer (Data Center)", () => {
  it("serves REST v2 only, with string rich text and offset search", async () => {
    const jira = await FakeJiraServer.start({ deployment: "data-center" });
    try {
      const headers = {
        authorization: `Bearer ${jira.credentials.personalAccessToken}`,
        "content-type": "application/json",
      };
      const post = (path: string, body: unknown) =>
        fetch(`${jira.url}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
      const fields = { project: { key: "QA" }, issuetype: { name: "Bug" }, summary: "s" };
      assert.equal(
        (await post("/rest/api/3/issue", { fields: { ...fields, description: adf } })).status,
        404,
      );
      assert.equal(
        (await post("/rest/api/2/issue", { fields: { ...fields, description: adf } })).status,
        400,
      );
      assert.equal(
        (await post("/rest/api/2/issue", { fields: { ...fields, description: "h3. ok" } })).status,
        201,
      );
      const found = (await (
        await post("/rest/api/2/search", { jql: "project = QA", fields: ["summary"] })
      ).json()) as { total: number };
      assert.equal(found.total, 1);
    } finally {
      await jira.close();
    }
  });
});
