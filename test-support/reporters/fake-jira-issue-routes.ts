import { HttpProblem, jiraError, parseJson } from "./fake-jira-http.ts";
import type { FakeAnswer, FakeRequest } from "./fake-jira-http.ts";
import type { FakeIssue, WorkflowTransitionDefinition } from "./fake-jira-model.ts";
import { checkPropertySize, checkRichText } from "./fake-jira-rules.ts";
import type { FakeJiraStore } from "./fake-jira-store.ts";
import { commentView, issueView, transitionView } from "./fake-jira-views.ts";

/** The routes under `/issue/{key}`: the issue, its comments, transitions, attachments, properties. */
export class FakeIssueRoutes {
  readonly #store: FakeJiraStore;
  readonly #workflow: readonly WorkflowTransitionDefinition[];
  readonly #siteUrl: string;
  readonly #version: 2 | 3;

  constructor(options: {
    store: FakeJiraStore;
    workflow: readonly WorkflowTransitionDefinition[];
    siteUrl: string;
    version: 2 | 3;
  }) {
    this.#store = options.store;
    this.#workflow = options.workflow;
    this.#siteUrl = options.siteUrl;
    this.#version = options.version;
  }

  async answer(issue: FakeIssue, rest: string, request: FakeRequest): Promise<FakeAnswer> {
    const { method } = request;
    let parts: RegExpExecArray | null;
    if (rest === "" && method === "GET") {
      return {
        status: 200,
        body: issueView(this.#siteUrl, issue, { fields: ["*all"], properties: [] }),
      };
    }
    if (rest === "/comment" && method === "POST") return this.#addComment(issue, request);
    if (rest === "/comment" && method === "GET") return this.#comments(issue);
    if ((parts = /^\/comment\/([^/]+)$/.exec(rest)) && method === "PUT") {
      return this.#updateComment(issue, parts[1] ?? "", request);
    }
    if (rest === "/transitions" && method === "GET") return this.#transitions(issue);
    if (rest === "/transitions" && method === "POST") return this.#transition(issue, request);
    if (rest === "/attachments" && method === "POST") return this.#attach(issue, request);
    if ((parts = /^\/properties\/([^/]+)$/.exec(rest))) {
      const answer = this.#property(issue, decodeURIComponent(parts[1] ?? ""), request);
      if (answer) return answer;
    }
    throw jiraError(404, `No route for ${method} /issue/${issue.key}${rest}`);
  }

  #addComment(issue: FakeIssue, request: FakeRequest): FakeAnswer {
    const body = parseJson(request.body).body;
    checkRichText("body", body, this.#version);
    const comment = this.#store.addComment(issue, body, "comment");
    return { status: 201, body: commentView(this.#siteUrl, issue, comment) };
  }

  #comments(issue: FakeIssue): FakeAnswer {
    return {
      status: 200,
      body: {
        startAt: 0,
        maxResults: 5000,
        total: issue.comments.length,
        comments: issue.comments.map((comment) => commentView(this.#siteUrl, issue, comment)),
      },
    };
  }

  #updateComment(issue: FakeIssue, id: string, request: FakeRequest): FakeAnswer {
    const comment = issue.comments.find((candidate) => candidate.id === id);
    if (!comment) throw jiraError(404, "Can not find a comment for the id.");
    const body = parseJson(request.body).body;
    checkRichText("body", body, this.#version);
    comment.body = body;
    comment.edits += 1;
    comment.updated = new Date().toISOString();
    issue.updated = Date.now();
    return { status: 200, body: commentView(this.#siteUrl, issue, comment) };
  }

  /** The transitions the issue's status allows, as its workflow defines them. */
  #transitions(issue: FakeIssue): FakeAnswer {
    const apiUrl = `${this.#siteUrl}/rest/api/${this.#version}`;
    return {
      status: 200,
      body: {
        transitions: this.#workflow
          .filter((transition) => transition.from.includes(issue.status))
          .map((transition) => transitionView(apiUrl, transition)),
      },
    };
  }

  #transition(issue: FakeIssue, request: FakeRequest): FakeAnswer {
    const input = parseJson(request.body);
    const id = (input.transition as { id?: unknown } | undefined)?.id;
    const transition = this.#workflow.find(
      (candidate) => candidate.id === id && candidate.from.includes(issue.status),
    );
    if (!transition) {
      throw jiraError(400, `Transition id '${String(id)}' is not valid for this issue.`, {});
    }
    const comments = (
      (input.update as { comment?: { add?: { body?: unknown } }[] } | undefined)?.comment ?? []
    ).map((entry) => entry.add?.body);
    for (const body of comments) checkRichText("comment", body, this.#version);
    issue.status = transition.to;
    issue.transitions.push(transition.name);
    for (const body of comments) this.#store.addComment(issue, body, "transition");
    issue.updated = Date.now();
    return { status: 204 };
  }

  /** Multipart uploads under the part name `file`, only with the XSRF opt-out header. */
  async #attach(issue: FakeIssue, request: FakeRequest): Promise<FakeAnswer> {
    if (request.headers["x-atlassian-token"] !== "no-check") {
      throw new HttpProblem(403, "XSRF check failed");
    }
    const contentType = request.headers["content-type"] ?? "";
    if (!contentType.startsWith("multipart/form-data")) {
      throw jiraError(415, "Attachments must be sent as multipart/form-data");
    }
    if (!/boundary=/.test(contentType)) throw jiraError(400, "Missing multipart boundary");
    const form = await new Response(request.body, {
      headers: { "content-type": contentType },
    })
      .formData()
      .catch(() => {
        throw jiraError(400, "The multipart body could not be read");
      });
    const files = form.getAll("file").filter((part) => part instanceof File && part.name !== "");
    if (files.length === 0) throw jiraError(400, "No file part named 'file' in the request");
    const attached = [];
    for (const file of files as File[]) {
      const attachment = this.#store.attach(issue, {
        filename: file.name,
        mimeType: file.type || "application/octet-stream",
        content: Buffer.from(await file.arrayBuffer()),
      });
      attached.push({
        id: attachment.id,
        self: `${this.#siteUrl}/rest/api/3/attachment/${attachment.id}`,
        filename: attachment.filename,
        size: attachment.content.length,
        mimeType: attachment.mimeType,
        content: `${this.#siteUrl}/rest/api/3/attachment/content/${attachment.id}`,
      });
    }
    return { status: 200, body: attached };
  }

  #property(issue: FakeIssue, key: string, request: FakeRequest): FakeAnswer | undefined {
    if (request.method === "PUT") {
      checkPropertySize(request.body);
      const created = !(key in issue.properties);
      issue.properties[key] = parseJson(request.body, true);
      return { status: created ? 201 : 200 };
    }
    if (request.method !== "GET") return undefined;
    if (!(key in issue.properties)) {
      throw jiraError(404, `The property with key '${key}' does not exist.`);
    }
    return { status: 200, body: { key, value: issue.properties[key] } };
  }
}
