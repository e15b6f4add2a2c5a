import { jiraError } from "./fake-jira-http.ts";
import type { FakeAttachment, FakeComment, FakeIssue } from "./fake-jira-model.ts";
import { isStringList, labelsProblem, richTextProblem, summaryProblem } from "./fake-jira-rules.ts";
import { jqlView } from "./fake-jira-views.ts";
import { JqlError, parseJql } from "./jql.ts";

export interface FakeSiteRules {
  projectKey: string;
  issueTypes: string[];
  components: string[];
  /** New issues stay invisible to search this long, like Jira Cloud's search index. */
  searchLagMs: number;
}

/** The fake's issues: created, commented, attached to and searched as Jira would. */
export class FakeJiraStore {
  readonly issues = new Map<string, FakeIssue>();
  readonly #site: FakeSiteRules;
  #nextId = 10_000;
  #nextComment = 90_000;

  constructor(site: FakeSiteRules) {
    this.#site = site;
  }

  /** Creates an issue from a create-issue body, refusing what Jira refuses, field by field. */
  create(input: Record<string, unknown>, version: 2 | 3): FakeIssue {
    const fields = (input.fields ?? {}) as Record<string, unknown>;
    const issueType = (fields.issuetype as { name?: unknown } | undefined)?.name;
    const labels: unknown = fields.labels ?? [];
    const components = ((fields.components ?? []) as { name?: unknown }[]).map(
      (component) => component.name,
    );
    const errors = this.#fieldErrors({ fields, issueType, labels, components, version });
    if (Object.keys(errors).length > 0) throw jiraError(400, undefined, errors);
    const now = Date.now();
    const key = `${this.#site.projectKey}-${this.issues.size + 1}`;
    const issue: FakeIssue = {
      id: this.newId(),
      key,
      project: this.#site.projectKey,
      issueType: issueType as string,
      summary: fields.summary as string,
      description: fields.description,
      labels: isStringList(labels) ? [...labels] : [],
      components: components as string[],
      ...(fields.assignee ? { assignee: fields.assignee } : {}),
      status: "To Do",
      comments: [],
      attachments: [],
      properties: propertiesOf(input.properties),
      transitions: [],
      created: now,
      updated: now,
    };
    this.issues.set(key, issue);
    return issue;
  }

  addComment(issue: FakeIssue, body: unknown, via: FakeComment["via"]): FakeComment {
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

  attach(issue: FakeIssue, file: Omit<FakeAttachment, "id">): FakeAttachment {
    const attachment: FakeAttachment = { id: this.newId(), ...file };
    issue.attachments.push(attachment);
    return attachment;
  }

  /** Issues the JQL matches, in its order, except those the search index has not caught up with. */
  search(jql: unknown): FakeIssue[] {
    if (typeof jql !== "string") throw jiraError(400, "The JQL query is missing.");
    let query;
    try {
      query = parseJql(jql);
    } catch (error) {
      if (error instanceof JqlError) throw jiraError(400, error.message, {});
      throw error;
    }
    const where = query.where;
    if (!where) {
      throw jiraError(
        400,
        "Unbounded JQL queries are not allowed here. Please add a search restriction to your query.",
      );
    }
    const visibleFrom = Date.now() - this.#site.searchLagMs;
    return [...this.issues.values()]
      .filter((issue) => issue.created <= visibleFrom)
      .filter((issue) => where(jqlView(issue)))
      .sort((a, b) => query.compare(jqlView(a), jqlView(b)));
  }

  newId(): string {
    return String(this.#nextId++);
  }

  #fieldErrors(input: {
    fields: Record<string, unknown>;
    issueType: unknown;
    labels: unknown;
    components: unknown[];
    version: 2 | 3;
  }): Record<string, string> {
    const { fields } = input;
    const site = this.#site;
    const project = (fields.project as { key?: unknown } | undefined)?.key;
    const unknown = input.components.find(
      (name) => typeof name !== "string" || !site.components.includes(name),
    );
    const description =
      fields.description === undefined
        ? undefined
        : richTextProblem(fields.description, input.version);
    const errors: Record<string, string | undefined> = {
      project: project === site.projectKey ? undefined : "Specify a valid project ID or key",
      issuetype:
        typeof input.issueType === "string" && site.issueTypes.includes(input.issueType)
          ? undefined
          : "Specify a valid issue type",
      summary: summaryProblem(fields.summary),
      labels: labelsProblem(input.labels),
      components:
        unknown === undefined
          ? undefined
          : `Component name '${typeof unknown === "string" ? unknown : "?"}' is not valid`,
      description,
    };
    return Object.fromEntries(
      Object.entries(errors).flatMap(([field, error]) => (error ? [[field, error]] : [])),
    );
  }
}

function propertiesOf(value: unknown): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const property of (value ?? []) as { key?: unknown; value?: unknown }[]) {
    if (typeof property.key === "string") properties[property.key] = property.value;
  }
  return properties;
}
