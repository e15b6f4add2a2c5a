import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { buffer } from "node:stream/consumers";
import { closeServer, listenOnLoopback } from "../loopback-server.ts";
import {
  HttpProblem,
  jiraError,
  listOf,
  offsetOfToken,
  pageToken,
  parseJson,
  searchParamsOf,
  send,
} from "./fake-jira-http.ts";
import type { FakeAnswer, FakeRequest } from "./fake-jira-http.ts";
import { defaultWorkflow, ownAccount, statuses } from "./fake-jira-model.ts";
import type { FakeIssue, WorkflowTransitionDefinition } from "./fake-jira-model.ts";
import { FakeIssueRoutes } from "./fake-jira-issue-routes.ts";
import { checkPropertySize } from "./fake-jira-rules.ts";
import { FakeJiraStore } from "./fake-jira-store.ts";
import { issueView } from "./fake-jira-views.ts";

export type {
  FakeAttachment,
  FakeComment,
  FakeIssue,
  WorkflowTransitionDefinition,
} from "./fake-jira-model.ts";
export { richTextProblem } from "./fake-jira-rules.ts";

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

export class FakeJiraServer {
  readonly requests: RecordedRequest[] = [];
  readonly userProperties = new Map<string, unknown>();
  readonly #options: Required<FakeJiraOptions>;
  readonly #server: Server;
  readonly #store: FakeJiraStore;
  readonly #faults: Fault[] = [];
  #down = false;
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
    this.#store = new FakeJiraStore(this.#options);
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
    return [...this.#store.issues.values()];
  }

  issue(key: string): FakeIssue | undefined {
    return this.#store.issues.get(key);
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
    const issue = this.#store.issues.get(key);
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
      const body = await buffer(request);
      const answer = await this.#answer({ method, url, headers: request.headers, body });
      status = answer.status;
      send(response, answer.status, answer.body, answer.headers);
    } catch (error) {
      const problem =
        error instanceof HttpProblem ? error : jiraError(500, (error as Error).message);
      status = problem.status;
      send(response, problem.status, problem.body);
    }
    this.requests.push({ method, path: url.pathname, status });
  }

  async #answer(request: FakeRequest): Promise<FakeAnswer> {
    if (this.#down) throw jiraError(503, "Service Unavailable");
    const fault = this.#takeFault(request);
    if (fault) return fault;
    this.#authenticate(request.headers);
    const path = request.url.pathname;
    const match = /^\/rest\/api\/(2|3)(\/.*)$/.exec(path);
    if (!match) throw jiraError(404, `No route for ${path}`);
    const version = match[1] === "3" ? 3 : 2;
    if (this.#options.deployment === "data-center" && version === 3) {
      throw jiraError(404, "REST API v3 does not exist on Jira Data Center");
    }
    const answer = await this.#route(request, match[2] ?? "", version);
    if (!answer) throw jiraError(404, `No route for ${request.method} ${path}`);
    return answer;
  }

  /** The next injected fault that matches the request, as its answer. */
  #takeFault(request: FakeRequest): FakeAnswer | undefined {
    const fault = this.#faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.method === undefined || candidate.method === request.method) &&
        (candidate.path === undefined || candidate.path.test(request.url.pathname)),
    );
    if (!fault) return undefined;
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

  #authenticate(headers: IncomingMessage["headers"]): void {
    const header = headers.authorization ?? "";
    const basic = `Basic ${Buffer.from(`${this.#options.email}:${this.#options.apiToken}`).toString("base64")}`;
    const bearer = `Bearer ${this.#options.personalAccessToken}`;
    const accepted =
      this.#options.deployment === "cloud"
        ? header === basic
        : header === bearer || header === basic;
    if (!accepted) {
      throw jiraError(
        401,
        "You are not authenticated. Authentication required to perform this operation.",
      );
    }
  }

  async #route(
    request: FakeRequest,
    route: string,
    version: 2 | 3,
  ): Promise<FakeAnswer | undefined> {
    const { method, url } = request;
    let parts: RegExpExecArray | null;
    if (route === "/myself" && method === "GET") {
      return {
        status: 200,
        body: {
          ...ownAccount,
          self: `${this.url}${url.pathname}`,
          displayName: "qaops",
          active: true,
        },
      };
    }
    if ((parts = /^\/user\/properties\/([^/]+)$/.exec(route))) {
      return this.#userProperty(request, decodeURIComponent(parts[1] ?? ""));
    }
    if (route === "/search" || route === "/search/") return this.#searchByOffset(request);
    if (route === "/search/jql" && version === 3) return this.#searchByToken(request);
    if (route === "/issue" && method === "POST") {
      const { id, key } = this.#store.create(parseJson(request.body), version);
      return {
        status: 201,
        body: { id, key, self: `${this.url}/rest/api/${version}/issue/${id}` },
      };
    }
    if ((parts = /^\/issue\/([^/]+)(\/.*)?$/.exec(route))) {
      const issue = this.#store.issues.get(decodeURIComponent(parts[1] ?? ""));
      if (!issue)
        throw jiraError(404, "Issue does not exist or you do not have permission to see it.");
      const routes = new FakeIssueRoutes({
        store: this.#store,
        workflow: this.#options.workflow,
        siteUrl: this.url,
        version,
      });
      return routes.answer(issue, parts[2] ?? "", request);
    }
    return undefined;
  }

  /** The client's own user properties: only its own account may read or write them. */
  #userProperty(request: FakeRequest, key: string): FakeAnswer | undefined {
    const owner =
      request.url.searchParams.get("accountId") ?? request.url.searchParams.get("username");
    if (owner !== ownAccount.accountId && owner !== ownAccount.name) {
      throw jiraError(403, "You can only edit your own user properties.");
    }
    if (request.method === "GET") {
      if (!this.userProperties.has(key)) {
        throw jiraError(404, `The property with key '${key}' does not exist.`);
      }
      return { status: 200, body: { key, value: this.userProperties.get(key) } };
    }
    if (request.method !== "PUT") return undefined;
    checkPropertySize(request.body);
    const created = !this.userProperties.has(key);
    this.userProperties.set(key, parseJson(request.body, true));
    return { status: created ? 201 : 200 };
  }

  /** The paged search by token that Jira Cloud has instead of the old one. */
  #searchByToken(request: FakeRequest): FakeAnswer {
    const input = searchInput(request);
    const matches = this.#store.search(input.jql);
    const offset = input.nextPageToken === undefined ? 0 : offsetOfToken(input.nextPageToken);
    const size = Math.min(Number(input.maxResults ?? 50), this.#options.searchPageSize, 5000);
    const page = matches.slice(offset, offset + size);
    const next = offset + page.length;
    const isLast = next >= matches.length;
    const fields = {
      fields: listOf(input.fields, ["id"]),
      properties: listOf(input.properties, []),
    };
    return {
      status: 200,
      body: {
        issues: page.map((issue) => issueView(this.url, issue, fields)),
        isLast,
        ...(isLast ? {} : { nextPageToken: pageToken(next) }),
      },
    };
  }

  /** The search by offset: removed on Cloud (410), still there on Data Center. */
  #searchByOffset(request: FakeRequest): FakeAnswer {
    if (this.#options.deployment === "cloud") {
      throw jiraError(
        410,
        "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. A full migration guideline is available at https://developer.atlassian.com/changelog/#CHANGE-2046",
      );
    }
    const input = searchInput(request);
    const matches = this.#store.search(input.jql);
    const startAt = Number(input.startAt ?? 0);
    const size = Math.min(Number(input.maxResults ?? 50), this.#options.searchPageSize);
    const fields = {
      fields: listOf(input.fields, ["*navigable"]),
      properties: listOf(input.properties, []),
    };
    return {
      status: 200,
      body: {
        startAt,
        maxResults: size,
        total: matches.length,
        issues: matches
          .slice(startAt, startAt + size)
          .map((issue) => issueView(this.url, issue, fields)),
      },
    };
  }
}

function searchInput(request: FakeRequest): Record<string, unknown> {
  return request.method === "GET" ? searchParamsOf(request.url) : parseJson(request.body);
}
