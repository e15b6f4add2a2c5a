import { createClient } from "jira.js/core";
import type { Client } from "jira.js/core";
import type { AdfDocument } from "./adf.ts";
import { adfToWikiMarkup } from "./adf-to-wiki.ts";
import type { FoundIssue, JiraGateway, UploadFile, WorkflowTransition } from "./jira-gateway.ts";
import { newIssueFields, searchPageLimit, searchPageSize } from "./jira-gateway.ts";
import type { TicketFields } from "./jira-operations.ts";
import { foundIssueOf, workflowTransitionOf } from "./rest-answers.ts";
import type { RestIssue, RestTransition } from "./rest-answers.ts";

interface V2SearchPage {
  issues?: RestIssue[];
  total?: number;
}

interface V2Transitions {
  transitions?: RestTransition[];
}

/**
 * Jira Data Center (and Server) through jira.js's transport: REST v2, wiki-markup bodies
 * (rendered from the same ADF the Cloud tickets use), a personal access token as bearer auth,
 * and offset-paged `/rest/api/2/search`.
 */
export class DataCenterJiraGateway implements JiraGateway {
  readonly siteUrl: string;
  readonly #client: Client;
  #userName: Promise<string> | undefined;

  constructor(options: { siteUrl: string; personalAccessToken: string }) {
    this.siteUrl = options.siteUrl;
    this.#client = createClient({
      host: options.siteUrl,
      auth: { type: "bearer", token: options.personalAccessToken },
    });
  }

  async search(jql: string, options: { properties: string[] }): Promise<FoundIssue[]> {
    const found: FoundIssue[] = [];
    for (let page = 0; page < searchPageLimit; page += 1) {
      const result = await this.#client.sendRequest<V2SearchPage>({
        url: "/rest/api/2/search",
        method: "POST",
        body: {
          jql,
          startAt: found.length,
          maxResults: searchPageSize,
          fields: ["labels", "status"],
          properties: options.properties,
        },
      });
      const issues = result.issues ?? [];
      for (const issue of issues) found.push(foundIssueOf(issue));
      if (issues.length === 0 || found.length >= (result.total ?? 0)) break;
    }
    return found;
  }

  async createIssue(
    fields: TicketFields,
    properties: { key: string; value: unknown }[],
  ): Promise<{ key: string }> {
    const created = await this.#client.sendRequest<{ key?: string }>({
      url: "/rest/api/2/issue",
      method: "POST",
      body: {
        fields: newIssueFields(fields, {
          description: adfToWikiMarkup(fields.description),
          assignee: (name) => ({ name }),
        }),
        properties,
      },
    });
    if (!created.key) throw new Error("Jira created an issue but returned no key");
    return { key: created.key };
  }

  async addComment(key: string, body: AdfDocument): Promise<{ id: string }> {
    const comment = await this.#client.sendRequest<{ id?: string }>({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/comment`,
      method: "POST",
      body: { body: adfToWikiMarkup(body) },
    });
    if (!comment.id) throw new Error(`Jira added a comment to ${key} but returned no id`);
    return { id: comment.id };
  }

  async updateComment(key: string, commentId: string, body: AdfDocument): Promise<void> {
    await this.#client.sendRequest({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/comment/${encodeURIComponent(commentId)}`,
      method: "PUT",
      body: { body: adfToWikiMarkup(body) },
    });
  }

  async listTransitions(key: string): Promise<WorkflowTransition[]> {
    const result = await this.#client.sendRequest<V2Transitions>({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`,
      method: "GET",
    });
    return (result.transitions ?? []).map(workflowTransitionOf);
  }

  async transition(key: string, transitionId: string, comment: AdfDocument): Promise<void> {
    await this.#client.sendRequest({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/transitions`,
      method: "POST",
      body: {
        transition: { id: transitionId },
        update: { comment: [{ add: { body: adfToWikiMarkup(comment) } }] },
      },
    });
  }

  async addAttachments(key: string, files: UploadFile[]): Promise<void> {
    const form = new FormData();
    for (const file of files) form.append("file", new Blob([file.content]), file.filename);
    await this.#client.sendRequest({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/attachments`,
      method: "POST",
      headers: { "X-Atlassian-Token": "no-check" },
      body: form,
    });
  }

  async setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void> {
    await this.#client.sendRequest({
      url: `/rest/api/2/issue/${encodeURIComponent(key)}/properties/${encodeURIComponent(propertyKey)}`,
      method: "PUT",
      body: value,
    });
  }

  async readOwnProperty(propertyKey: string): Promise<unknown> {
    const username = await this.#ownUserName();
    try {
      const property = await this.#client.sendRequest<{ value?: unknown }>({
        url: `/rest/api/2/user/properties/${encodeURIComponent(propertyKey)}`,
        method: "GET",
        searchParams: { username },
      });
      return property.value;
    } catch (error) {
      if ((error as { status?: number }).status === 404) return undefined;
      throw error;
    }
  }

  async writeOwnProperty(propertyKey: string, value: unknown): Promise<void> {
    const username = await this.#ownUserName();
    await this.#client.sendRequest({
      url: `/rest/api/2/user/properties/${encodeURIComponent(propertyKey)}`,
      method: "PUT",
      searchParams: { username },
      body: value,
    });
  }

  #ownUserName(): Promise<string> {
    this.#userName ??= this.#client
      .sendRequest<{ name?: string }>({ url: "/rest/api/2/myself", method: "GET" })
      .then((user) => {
        if (!user.name) throw new Error("Jira did not say which user the token belongs to");
        return user.name;
      });
    this.#userName.catch(() => (this.#userName = undefined));
    return this.#userName;
  }
}
