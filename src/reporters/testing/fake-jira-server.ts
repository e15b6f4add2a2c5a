import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "../../testing/loopback-server.ts";
import { JqlError, parseJql } from "./jql.ts";
import type { JqlIssueView } from "./jql.ts";

/**
 * A Jira on loopback that enforces the rules of the real REST APIs qaops relies on: ADF-only rich
 * text in v3 and strings in v2, 255-character summaries, labels without spaces, `/search/jql`
 * with `nextPageToken` (the old `/search` answers 410 on Cloud), search that lags behind writes,
 * workflows with per-status transitions, multipart attachments behind `X-Atlassian-Token`, issue
 * and user properties, and injectable 429 bursts and outages.
 */
export interface FakeJiraOptions {
  deployment?: "cloud" | "data-center";
  projectKey?: string;
  issueTypes?: string[];
  components?: string[];
  email?: string;
  apiToken?: string;
  personalAccessToken?: string;
  /** New issues stay invisible to search this long, like Jira Cloud's search index. */
  searchLagMs?: number;
  /** Most issues a search page holds, whatever `maxResults` asks for. */
  searchPageSize?: number;
  workflow?: WorkflowTransitionDefinition[];
}

export interface WorkflowTransitionDefinition {
  id: string;
  name: string;
  from: string[];
  to: string;
}

export interface FakeComment {
  id: string;
  body: unknown;
  created: string;
  updated: string;
  edits: number;
  /** Added on its own or as part of a transition. */
  via: "comment" | "transition";
}

export interface FakeAttachment {
  id: string;
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface FakeIssue {
  id: string;
  key: string;
  project: string;
  issueType: string;
  summary: string;
  description: unknown;
  labels: string[];
  components: string[];
  assignee?: unknown;
  status: string;
  comments: FakeComment[];
  attachments: FakeAttachment[];
  properties: Record<string, unknown>;
  transitions: string[];
  created: number;
  updated: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  status: number;
}

interface Fault {
  remaining: number;
  status: number;
  retryAfterSeconds?: number;
  method?: string;
  path?: RegExp;
}

const statuses: Record<string, { id: string; key: string; name: string }> = {
  "To Do": { id: "2", key: "new", name: "To Do" },
  "In Progress": { id: "4", key: "indeterminate", name: "In Progress" },
  Done: { id: "3", key: "done", name: "Done" },
};

const defaultWorkflow: WorkflowTransitionDefinition[] = [
  { id: "21", name: "Start Progress", from: ["To Do"], to: "In Progress" },
  { id: "31", name: "Done", from: ["To Do", "In Progress"], to: "Done" },
  { id: "41", name: "Reopen", from: ["Done"], to: "To Do" },
];

const ownAccount = { accountId: "5b10a2844c20165700ede21g", name: "qaops-bot" };
const textLimit = 32_767;
const propertyLimit = 32_768;

class HttpProblem extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export class FakeJiraServer {
  readonly requests: RecordedRequest[] = [];
  readonly userProperties = new Map<string, unknown>();
  readonly #issues = new Map<string, FakeIssue>();
  readonly #options: Required<FakeJiraOptions>;
  readonly #server: Server;
  readonly #faults: Fault[] = [];
  #down = false;
  #nextId = 10_000;
  #nextComment = 90_000;
  url = "";

  private constructor(options: FakeJiraOptions) {
    this.#options = {
      deployment: "cloud",
      projectKey: "QA",
      issueTypes: ["Bug", "Task", "Story"],
      components: ["api", "payments", "search"],
      email: "qa-bot@example.com",
      apiToken: "fake-api-token-123",
      personalAccessToken: "fake-pat-456",
      searchLagMs: 0,
      searchPageSize: 50,
      workflow: defaultWorkflow,
      ...options,
    };
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  static async start(options: FakeJiraOptions = {}): Promise<FakeJiraServer> {
    const fake = new FakeJiraServer(options);
    fake.url = await listenOnLoopback(fake.#server);
    return fake;
  }

  get credentials(): { email: string; apiToken: string; personalAccessToken: string } {
    return {
      email: this.#options.email,
      apiToken: this.#options.apiToken,
      personalAccessToken: this.#options.personalAccessToken,
    };
  }

  issues(): FakeIssue[] {
    return [...this.#issues.values()];
  }

  issue(key: string): FakeIssue | undefined {
    return this.#issues.get(key);
  }

  /** Answers the next `count` matching requests with `status` (e.g. a 429 burst). */
  injectFaults(fault: Omit<Fault, "remaining"> & { count: number }): void {
    const { count, ...rest } = fault;
    this.#faults.push({ ...rest, remaining: count });
  }

  clearFaults(): void {
    this.#faults.splice(0);
  }

  /** While down, every request gets 503, as during an outage. */
  setDown(down: boolean): void {
    this.#down = down;
  }

  /** Moves an issue as a person would in the UI, e.g. to mark it done by hand. */
  setStatus(key: string, status: string): void {
    const issue = this.#issues.get(key);
    if (!issue || !statuses[status]) throw new Error(`no issue ${key} or status ${status}`);
    issue.status = status;
    issue.updated = Date.now();
  }

  async close(): Promise<void> {
    await closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", this.url);
    const method = request.method ?? "GET";
    let status: number;
    try {
      const body = await readBody(request);
      const answer = this.#answer({ method, url, headers: request.headers, body });
      status = answer.status;
      send(response, answer.status, answer.body, answer.headers);
    } catch (error) {
      const problem =
        error instanceof HttpProblem
          ? error
          : new HttpProblem(500, { errorMessages: [(error as Error).message] });
      status = problem.status;
      send(response, problem.status, problem.body);
    }
    this.requests.push({ method, path: url.pathname, status });
  }

  #answer(request: {
    method: string;
    url: URL;
    headers: IncomingMessage["headers"];
    body: Buffer;
  }): { status: number; body?: unknown; headers?: Record<string, string> } {
    const { method, url } = request;
    const path = url.pathname;
    if (this.#down) throw new HttpProblem(503, { errorMessages: ["Service Unavailable"] });
    const fault = this.#faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.path === undefined || candidate.path.test(path)),
    );
    if (fault) {
      fault.remaining -= 1;
      return {
        status: fault.status,
        body: {
          errorMessages: [fault.status === 429 ? "Rate limit exceeded." : "Injected failure"],
        },
        ...(fault.retryAfterSeconds !== undefined
          ? { headers: { "retry-after": String(fault.retryAfterSeconds) } }
          : {}),
      };
    }
    this.#authenticate(request.headers);

    const match = /^\/rest\/api\/(2|3)(\/.*)$/.exec(path);
    if (!match) throw new HttpProblem(404, { errorMessages: [`No route for ${path}`] });
    const version = match[1] === "3" ? 3 : 2;
    const route = match[2] ?? "";
    if (this.#options.deployment === "data-center" && version === 3) {
      throw new HttpProblem(404, {
        errorMessages: ["REST API v3 does not exist on Jira Data Center"],
      });
    }
    const json = (): Record<string, unknown> => parseJson(request.body);
    let parts: RegExpExecArray | null;

    if (route === "/myself" && method === "GET") {
      return {
        status: 200,
        body: { ...ownAccount, self: `${this.url}${path}`, displayName: "qaops", active: true },
      };
    }
    if ((parts = /^\/user\/properties\/([^/]+)$/.exec(route))) {
      const owner = url.searchParams.get("accountId") ?? url.searchParams.get("username");
      if (owner !== ownAccount.accountId && owner !== ownAccount.name) {
        throw new HttpProblem(403, {
          errorMessages: ["You can only edit your own user properties."],
        });
      }
      const key = decodeURIComponent(parts[1] ?? "");
      if (method === "GET") {
        if (!this.userProperties.has(key)) {
          throw new HttpProblem(404, {
            errorMessages: [`The property with key '${key}' does not exist.`],
          });
        }
        return { status: 200, body: { key, value: this.userProperties.get(key) } };
      }
      if (method === "PUT") {
        checkPropertySize(request.body);
        const created = !this.userProperties.has(key);
        this.userProperties.set(key, parseJson(request.body, true));
        return { status: created ? 201 : 200 };
      }
    }
    if (route === "/search" || route === "/search/") {
      if (this.#options.deployment === "cloud") {
        throw new HttpProblem(410, {
          errorMessages: [
            "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
          ],
        });
      }
      const input = method === "GET" ? searchParamsOf(url) : json();
      return { status: 200, body: this.#searchByOffset(input) };
    }
    if (route === "/search/jql" && version === 3) {
      const input = method === "GET" ? searchParamsOf(url) : json();
      return { status: 200, body: this.#searchByToken(input) };
    }
    if (route === "/issue" && method === "POST") {
      return { status: 201, body: this.#create(json(), version) };
    }
    if ((parts = /^\/issue\/([^/]+)(\/.*)?$/.exec(route))) {
      const issue = this.#issues.get(decodeURIComponent(parts[1] ?? ""));
      if (!issue)
        throw new HttpProblem(404, {
          errorMessages: ["Issue does not exist or you do not have permission to see it."],
        });
      return this.#issueRoute({ issue, rest: parts[2] ?? "", method, version, request, json });
    }
    throw new HttpProblem(404, { errorMessages: [`No route for ${method} ${path}`] });
  }

  #authenticate(headers: IncomingMessage["headers"]): void {
    const header = headers.authorization ?? "";
    const basic = `Basic ${Buffer.from(`${this.#options.email}:${this.#options.apiToken}`).toString("base64")}`;
    const bearer = `Bearer ${this.#options.personalAccessToken}`;
    const accepted =
      this.#options.deployment === "cloud"
        ? header === basic
        : header === bearer || header === basic;
    if (!accepted)
      throw new HttpProblem(401, {
        errorMessages: [
          "You are not authenticated. Authentication required to perform this operation.",
        ],
      });
  }

  #issueRoute(context: {
    issue: FakeIssue;
    rest: string;
    method: string;
    version: 2 | 3;
    request: { headers: IncomingMessage["headers"]; body: Buffer };
    json: () => Record<string, unknown>;
  }): { status: number; body?: unknown } {
    const { issue, rest, method, version } = context;
    let parts: RegExpExecArray | null;
    if (rest === "" && method === "GET")
      return { status: 200, body: this.#view(issue, ["*all"], []) };
    if (rest === "/comment" && method === "POST") {
      const body = context.json().body;
      checkRichText("body", body, version);
      const comment = this.#addComment(issue, body, "comment");
      return { status: 201, body: this.#commentView(issue, comment) };
    }
    if (rest === "/comment" && method === "GET") {
      return {
        status: 200,
        body: {
          startAt: 0,
          maxResults: 5000,
          total: issue.comments.length,
          comments: issue.comments.map((c) => this.#commentView(issue, c)),
        },
      };
    }
    if ((parts = /^\/comment\/([^/]+)$/.exec(rest)) && method === "PUT") {
      const comment = issue.comments.find((candidate) => candidate.id === parts?.[1]);
      if (!comment)
        throw new HttpProblem(404, { errorMessages: ["Can not find a comment for the id."] });
      const body = context.json().body;
      checkRichText("body", body, version);
      comment.body = body;
      comment.edits += 1;
      comment.updated = new Date().toISOString();
      issue.updated = Date.now();
      return { status: 200, body: this.#commentView(issue, comment) };
    }
    if (rest === "/transitions" && method === "GET") {
      return {
        status: 200,
        body: {
          transitions: this.#options.workflow
            .filter((transition) => transition.from.includes(issue.status))
            .map((transition) => {
              const to = statuses[transition.to] ?? { id: "1", key: "new", name: transition.to };
              return {
                id: transition.id,
                name: transition.name,
                hasScreen: false,
                isGlobal: false,
                isInitial: false,
                isConditional: false,
                to: {
                  self: `${this.url}/rest/api/${version}/status/${to.id}`,
                  id: to.id,
                  name: to.name,
                  statusCategory: {
                    self: `${this.url}/rest/api/${version}/statuscategory/${to.id}`,
                    id: Number(to.id),
                    key: to.key,
                    name: to.name,
                    colorName: "blue-gray",
                  },
                },
              };
            }),
        },
      };
    }
    if (rest === "/transitions" && method === "POST") {
      const input = context.json();
      const id = (input.transition as { id?: unknown } | undefined)?.id;
      const transition = this.#options.workflow.find(
        (candidate) => candidate.id === id && candidate.from.includes(issue.status),
      );
      if (!transition)
        throw new HttpProblem(400, {
          errorMessages: [`Transition id '${String(id)}' is not valid for this issue.`],
          errors: {},
        });
      const comments = (
        (input.update as { comment?: { add?: { body?: unknown } }[] } | undefined)?.comment ?? []
      ).map((entry) => entry.add?.body);
      for (const body of comments) checkRichText("comment", body, version);
      issue.status = transition.to;
      issue.transitions.push(transition.name);
      for (const body of comments) this.#addComment(issue, body, "transition");
      issue.updated = Date.now();
      return { status: 204 };
    }
    if (rest === "/attachments" && method === "POST") {
      if (context.request.headers["x-atlassian-token"] !== "no-check") {
        throw new HttpProblem(403, "XSRF check failed");
      }
      const contentType = context.request.headers["content-type"] ?? "";
      if (!contentType.startsWith("multipart/form-data")) {
        throw new HttpProblem(415, {
          errorMessages: ["Attachments must be sent as multipart/form-data"],
        });
      }
      return { status: 200, body: this.#attach(issue, contentType, context.request.body) };
    }
    if ((parts = /^\/properties\/([^/]+)$/.exec(rest))) {
      const key = decodeURIComponent(parts[1] ?? "");
      if (method === "PUT") {
        checkPropertySize(context.request.body);
        const created = !(key in issue.properties);
        issue.properties[key] = parseJson(context.request.body, true);
        return { status: created ? 201 : 200 };
      }
      if (method === "GET") {
        if (!(key in issue.properties))
          throw new HttpProblem(404, {
            errorMessages: [`The property with key '${key}' does not exist.`],
          });
        return { status: 200, body: { key, value: issue.properties[key] } };
      }
    }
    throw new HttpProblem(404, {
      errorMessages: [`No route for ${method} /issue/${issue.key}${rest}`],
    });
  }

  #create(
    input: Record<string, unknown>,
    version: 2 | 3,
  ): { id: string; key: string; self: string } {
    const fields = (input.fields ?? {}) as Record<string, unknown>;
    const errors: Record<string, string> = {};
    const project = (fields.project as { key?: unknown } | undefined)?.key;
    if (project !== this.#options.projectKey) errors.project = "Specify a valid project ID or key";
    const issueType = (fields.issuetype as { name?: unknown } | undefined)?.name;
    if (typeof issueType !== "string" || !this.#options.issueTypes.includes(issueType)) {
      errors.issuetype = "Specify a valid issue type";
    }
    const summary = fields.summary;
    if (typeof summary !== "string" || summary.trim() === "")
      errors.summary = "You must specify a summary of the issue.";
    else if (summary.length > 255) errors.summary = "Summary must be less than 255 characters.";
    else if (/[\r\n]/.test(summary)) errors.summary = "Summary cannot contain newlines.";
    const labelList: unknown = fields.labels ?? [];
    if (!isStringList(labelList)) {
      errors.labels = "Labels must be a list of strings.";
    } else {
      const spaced = labelList.find((label) => /\s/.test(label));
      if (spaced !== undefined)
        errors.labels = `The label '${spaced}' contains spaces which is invalid.`;
      const long = labelList.find((label) => label.length > 255);
      if (long !== undefined) errors.labels = "The label must not exceed 255 characters.";
    }
    const components = ((fields.components ?? []) as { name?: unknown }[]).map(
      (component) => component.name,
    );
    const unknown = components.find(
      (name) => typeof name !== "string" || !this.#options.components.includes(name),
    );
    if (unknown !== undefined) {
      errors.components = `Component name '${typeof unknown === "string" ? unknown : "?"}' is not valid`;
    }
    const descriptionProblem = richTextProblem(fields.description, version);
    if (fields.description !== undefined && descriptionProblem)
      errors.description = descriptionProblem;
    if (Object.keys(errors).length > 0) throw new HttpProblem(400, { errorMessages: [], errors });

    const id = String(this.#nextId++);
    const key = `${this.#options.projectKey}-${this.#issues.size + 1}`;
    const properties: Record<string, unknown> = {};
    for (const property of (input.properties ?? []) as { key?: unknown; value?: unknown }[]) {
      if (typeof property.key === "string") properties[property.key] = property.value;
    }
    const now = Date.now();
    this.#issues.set(key, {
      id,
      key,
      project: this.#options.projectKey,
      issueType: issueType as string,
      summary: summary as string,
      description: fields.description,
      labels: isStringList(labelList) ? [...labelList] : [],
      components: components as string[],
      ...(fields.assignee ? { assignee: fields.assignee } : {}),
      status: "To Do",
      comments: [],
      attachments: [],
      properties,
      transitions: [],
      created: now,
      updated: now,
    });
    return { id, key, self: `${this.url}/rest/api/${version}/issue/${id}` };
  }

  #visibleIssues(jql: unknown): FakeIssue[] {
    if (typeof jql !== "string")
      throw new HttpProblem(400, { errorMessages: ["The JQL query is missing."] });
    let query;
    try {
      query = parseJql(jql);
    } catch (error) {
      if (error instanceof JqlError)
        throw new HttpProblem(400, { errorMessages: [error.message], errors: {} });
      throw error;
    }
    const where = query.where;
    if (!where) {
      throw new HttpProblem(400, {
        errorMessages: [
          "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
        ],
      });
    }
    const visibleFrom = Date.now() - this.#options.searchLagMs;
    return this.issues()
      .filter((issue) => issue.created <= visibleFrom)
      .filter((issue) => where(this.#jqlView(issue)))
      .sort((a, b) => query.compare(this.#jqlView(a), this.#jqlView(b)));
  }

  #searchByToken(input: Record<string, unknown>): unknown {
    const matches = this.#visibleIssues(input.jql);
    const offset = input.nextPageToken === undefined ? 0 : decodeToken(input.nextPageToken);
    const size = Math.min(Number(input.maxResults ?? 50), this.#options.searchPageSize, 5000);
    const page = matches.slice(offset, offset + size);
    const next = offset + page.length;
    const isLast = next >= matches.length;
    return {
      issues: page.map((issue) =>
        this.#view(issue, listOf(input.fields, ["id"]), listOf(input.properties, [])),
      ),
      isLast,
      ...(isLast ? {} : { nextPageToken: Buffer.from(`offset:${next}`).toString("base64url") }),
    };
  }

  #searchByOffset(input: Record<string, unknown>): unknown {
    const matches = this.#visibleIssues(input.jql);
    const startAt = Number(input.startAt ?? 0);
    const size = Math.min(Number(input.maxResults ?? 50), this.#options.searchPageSize);
    return {
      startAt,
      maxResults: size,
      total: matches.length,
      issues: matches
        .slice(startAt, startAt + size)
        .map((issue) =>
          this.#view(issue, listOf(input.fields, ["*navigable"]), listOf(input.properties, [])),
        ),
    };
  }

  #view(issue: FakeIssue, fields: string[], properties: string[]): unknown {
    const all = fields.includes("*all") || fields.includes("*navigable");
    const status = statuses[issue.status] ?? { id: "1", key: "new", name: issue.status };
    const available: Record<string, unknown> = {
      summary: issue.summary,
      labels: issue.labels,
      status: {
        self: `${this.url}/rest/api/3/status/${status.id}`,
        id: status.id,
        name: status.name,
        statusCategory: {
          self: `${this.url}/rest/api/3/statuscategory/${status.id}`,
          id: Number(status.id),
          key: status.key,
          name: status.name,
          colorName: "blue-gray",
        },
      },
      issuetype: { name: issue.issueType },
      description: issue.description,
      components: issue.components.map((name) => ({ name })),
    };
    const picked = Object.fromEntries(
      Object.entries(available).filter(([name]) => all || fields.includes(name)),
    );
    const props = Object.fromEntries(
      properties
        .filter((key) => key in issue.properties)
        .map((key) => [key, issue.properties[key]]),
    );
    return {
      id: issue.id,
      key: issue.key,
      self: `${this.url}/rest/api/3/issue/${issue.id}`,
      fields: picked,
      ...(properties.length > 0 ? { properties: props } : {}),
    };
  }

  #jqlView(issue: FakeIssue): JqlIssueView {
    const status = statuses[issue.status] ?? { id: "1", key: "new", name: issue.status };
    return {
      key: issue.key,
      project: issue.project,
      labels: issue.labels,
      status: issue.status,
      statusCategory: { key: status.key, name: status.name },
      issuetype: issue.issueType,
      created: issue.created,
      updated: issue.updated,
    };
  }

  #addComment(issue: FakeIssue, body: unknown, via: FakeComment["via"]): FakeComment {
    const now = new Date().toISOString();
    const comment: FakeComment = {
      id: String(this.#nextComment++),
      body,
      created: now,
      updated: now,
      edits: 0,
      via,
    };
    issue.comments.push(comment);
    issue.updated = Date.now();
    return comment;
  }

  #commentView(issue: FakeIssue, comment: FakeComment): unknown {
    return {
      id: comment.id,
      self: `${this.url}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
      body: comment.body,
      created: comment.created,
      updated: comment.updated,
    };
  }

  #attach(issue: FakeIssue, contentType: string, body: Buffer): unknown {
    const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
    if (!boundary) throw new HttpProblem(400, { errorMessages: ["Missing multipart boundary"] });
    const files = parseMultipart(body, boundary).filter(
      (part) => part.name === "file" && part.filename,
    );
    if (files.length === 0)
      throw new HttpProblem(400, { errorMessages: ["No file part named 'file' in the request"] });
    return files.map((file) => {
      const attachment: FakeAttachment = {
        id: String(this.#nextId++),
        filename: file.filename ?? "file",
        mimeType: file.contentType,
        content: file.content,
      };
      issue.attachments.push(attachment);
      return {
        id: attachment.id,
        self: `${this.url}/rest/api/3/attachment/${attachment.id}`,
        filename: attachment.filename,
        size: attachment.content.length,
        mimeType: attachment.mimeType,
        content: `${this.url}/rest/api/3/attachment/content/${attachment.id}`,
      };
    });
  }
}

/** Why a rich-text value is not what this API version takes; undefined when it is. */
export function richTextProblem(value: unknown, version: 2 | 3): string | undefined {
  if (version === 2) {
    if (typeof value !== "string") return "Operation value must be a string";
    return value.length > textLimit
      ? "The entered text is too long. It exceeds the allowed limit of 32,767 characters."
      : undefined;
  }
  if (typeof value === "string" || typeof value !== "object" || value === null) {
    return "Operation value must be an Atlassian Document (see the Atlassian Document Format)";
  }
  if (JSON.stringify(value).length > textLimit) {
    return "The entered text is too long. It exceeds the allowed limit of 32,767 characters.";
  }
  const problem = adfProblem(value, "doc");
  return problem ? `INVALID_INPUT: ${problem}` : undefined;
}

function checkRichText(field: string, value: unknown, version: 2 | 3): void {
  const problem = richTextProblem(value, version);
  if (problem) throw new HttpProblem(400, { errorMessages: [], errors: { [field]: problem } });
}

const blockNodes = new Set([
  "paragraph",
  "heading",
  "codeBlock",
  "bulletList",
  "orderedList",
  "blockquote",
  "rule",
  "panel",
]);
const marks = new Set(["code", "strong", "em", "link", "strike", "underline"]);

function adfProblem(
  node: unknown,
  expected: "doc" | "block" | "inline" | "listItem",
): string | undefined {
  if (typeof node !== "object" || node === null) return "a node is not an object";
  const { type, content, text, version } = node as {
    type?: unknown;
    content?: unknown;
    text?: unknown;
    version?: unknown;
    marks?: unknown;
  };
  if (expected === "doc") {
    if (type !== "doc" || version !== 1 || !Array.isArray(content))
      return "the root must be {type: doc, version: 1, content: []}";
    return content.map((child) => adfProblem(child, "block")).find(Boolean);
  }
  if (expected === "listItem") {
    if (type !== "listItem" || !Array.isArray(content) || content.length === 0)
      return "a list holds listItem nodes with content";
    return content.map((child) => adfProblem(child, "block")).find(Boolean);
  }
  if (expected === "block") {
    if (typeof type !== "string" || !blockNodes.has(type))
      return `'${String(type)}' is not a block node`;
    if (type === "rule") return undefined;
    if (!Array.isArray(content)) return `${type} needs content`;
    if (type === "bulletList" || type === "orderedList") {
      if (content.length === 0) return "a list needs at least one item";
      return content.map((child) => adfProblem(child, "listItem")).find(Boolean);
    }
    return content.map((child) => adfProblem(child, "inline")).find(Boolean);
  }
  if (type === "hardBreak") return undefined;
  if (type !== "text") return `'${String(type)}' is not an inline node`;
  if (typeof text !== "string" || text.length === 0) return "text nodes must have non-empty text";
  const nodeMarks = (node as { marks?: unknown }).marks;
  if (nodeMarks !== undefined) {
    if (!Array.isArray(nodeMarks)) return "marks must be a list";
    for (const mark of nodeMarks as { type?: unknown; attrs?: { href?: unknown } }[]) {
      if (typeof mark.type !== "string" || !marks.has(mark.type))
        return `unknown mark '${String(mark.type)}'`;
      if (mark.type === "link" && typeof mark.attrs?.href !== "string")
        return "a link mark needs attrs.href";
    }
  }
  return undefined;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === "string");
}

function checkPropertySize(body: Buffer): void {
  if (body.length > propertyLimit) {
    throw new HttpProblem(400, {
      errorMessages: ["The property value is too long. It must be at most 32768 bytes."],
    });
  }
}

function parseJson(body: Buffer, anyValue = false): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8") || "null");
    if (anyValue) return value as Record<string, unknown>;
    if (typeof value !== "object" || value === null) throw new Error("not an object");
    return value as Record<string, unknown>;
  } catch {
    throw new HttpProblem(400, {
      errorMessages: ["Unexpected character in the request body: not valid JSON."],
    });
  }
}

function searchParamsOf(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) input[name] = value;
  return input;
}

function listOf(value: unknown, fallback: string[]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string" && value.length > 0)
    return value.split(",").map((item) => item.trim());
  return fallback;
}

function decodeToken(token: unknown): number {
  const decoded = typeof token === "string" ? Buffer.from(token, "base64url").toString("utf8") : "";
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match)
    throw new HttpProblem(400, {
      errorMessages: ["The provided next page token is invalid or expired."],
    });
  return Number(match[1]);
}

function parseMultipart(
  body: Buffer,
  boundary: string,
): { name?: string; filename?: string; contentType: string; content: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: { name?: string; filename?: string; contentType: string; content: Buffer }[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      parts.push({
        ...(/name="([^"]*)"/.exec(headers)?.[1] !== undefined
          ? { name: /name="([^"]*)"/.exec(headers)?.[1] }
          : {}),
        ...(/filename="([^"]*)"/.exec(headers)?.[1] !== undefined
          ? { filename: /filename="([^"]*)"/.exec(headers)?.[1] }
          : {}),
        contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1] ?? "application/octet-stream",
        content: Buffer.from(part.subarray(headerEnd + 4)),
      });
    }
    start = next;
  }
  return parts;
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined || status === 204) {
    response.writeHead(status, headers).end();
  } else if (typeof body === "string") {
    response
      .writeHead(status, { "content-type": "text/plain;charset=UTF-8", ...headers })
      .end(body);
  } else {
    response
      .writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers })
      .end(JSON.stringify(body));
  }
}
