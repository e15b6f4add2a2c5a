import { createCloudClient } from "jira.js";
import type { AdfDocument } from "./adf.ts";
import type { FoundIssue, JiraGateway, UploadFile, WorkflowTransition } from "./jira-gateway.ts";
import { newIssueFields, searchPageLimit, searchPageSize } from "./jira-gateway.ts";
import type { TicketFields } from "./jira-operations.ts";
import { foundIssueOf, workflowTransitionOf } from "./rest-answers.ts";

type CloudClient = ReturnType<typeof createCloudClient>;

/** What jira.js does when a response does not match its schema; tests set `throw`. */
export type SchemaMismatchPolicy = "silent" | "warn" | "throw";

/** Jira Cloud through jira.js: REST v3, ADF bodies, `/rest/api/3/search/jql` with page tokens. */
export class CloudJiraGateway implements JiraGateway {
  readonly siteUrl: string;
  readonly #jira: CloudClient;
  #accountId: Promise<string> | undefined;

  constructor(options: {
    siteUrl: string;
    email: string;
    apiToken: string;
    schemaMismatch?: SchemaMismatchPolicy;
  }) {
    this.siteUrl = options.siteUrl;
    this.#jira = createCloudClient({
      host: options.siteUrl,
      auth: { type: "basic", email: options.email, apiToken: options.apiToken },
      // Jira's answers vary by site and feature flags; a drift is not worth a line in a test run.
      onSchemaMismatch: options.schemaMismatch ?? "silent",
    });
  }

  async search(jql: string, options: { properties: string[] }): Promise<FoundIssue[]> {
    const found: FoundIssue[] = [];
    let nextPageToken: string | undefined;
    for (let page = 0; page < searchPageLimit; page += 1) {
      const result = await this.#jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
        jql,
        fields: ["labels", "status"],
        properties: options.properties,
        maxResults: searchPageSize,
        ...(nextPageToken ? { nextPageToken } : {}),
      });
      for (const issue of result.issues ?? []) found.push(foundIssueOf(issue));
      nextPageToken = result.nextPageToken ?? undefined;
      if (!nextPageToken || result.isLast === true) break;
    }
    return found;
  }

  async createIssue(
    fields: TicketFields,
    properties: { key: string; value: unknown }[],
  ): Promise<{ key: string }> {
    const created = await this.#jira.issues.createIssue({
      fields: newIssueFields(fields, {
        description: fields.description,
        assignee: (accountId) => ({ accountId }),
      }),
      properties,
    });
    if (!created.key) throw new Error("Jira created an issue but returned no key");
    return { key: created.key };
  }

  async addComment(key: string, body: AdfDocument): Promise<{ id: string }> {
    const comment = await this.#jira.issueComments.addComment({
      issueIdOrKey: key,
      body: { ...body },
    });
    if (!comment.id) throw new Error(`Jira added a comment to ${key} but returned no id`);
    return { id: comment.id };
  }

  async updateComment(key: string, commentId: string, body: AdfDocument): Promise<void> {
    await this.#jira.issueComments.updateComment({
      issueIdOrKey: key,
      id: commentId,
      body: { body: { ...body } },
      notifyUsers: false,
    });
  }

  async listTransitions(key: string): Promise<WorkflowTransition[]> {
    const result = await this.#jira.issues.getTransitions({ issueIdOrKey: key });
    return (result.transitions ?? []).map(workflowTransitionOf);
  }

  async transition(key: string, transitionId: string, comment: AdfDocument): Promise<void> {
    await this.#jira.issues.doTransition({
      issueIdOrKey: key,
      transition: { id: transitionId },
      update: { comment: [{ add: { body: comment } }] },
    });
  }

  async addAttachments(key: string, files: UploadFile[]): Promise<void> {
    await this.#jira.issueAttachments.addAttachment({
      issueIdOrKey: key,
      attachments: files.map((file) => ({ filename: file.filename, content: file.content })),
    });
  }

  async setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void> {
    await this.#jira.issueProperties.setIssueProperty({
      issueIdOrKey: key,
      propertyKey,
      // qaops only stores objects (ticket state); jira.js types the body as one.
      body: value as Record<string, unknown>,
    });
  }

  async readOwnProperty(propertyKey: string): Promise<unknown> {
    const accountId = await this.#ownAccountId();
    try {
      const property = await this.#jira.userProperties.getUserProperty({ accountId, propertyKey });
      return property.value;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async writeOwnProperty(propertyKey: string, value: unknown): Promise<void> {
    const accountId = await this.#ownAccountId();
    await this.#jira.userProperties.setUserProperty({
      accountId,
      propertyKey,
      body: value as Record<string, unknown>,
    });
  }

  #ownAccountId(): Promise<string> {
    this.#accountId ??= this.#jira.myself.getCurrentUser().then((user) => {
      if (!user.accountId) throw new Error("Jira did not say which account the token belongs to");
      return user.accountId;
    });
    // A failed lookup is not cached: the next call (a retry) asks again.
    this.#accountId.catch(() => (this.#accountId = undefined));
    return this.#accountId;
  }
}
