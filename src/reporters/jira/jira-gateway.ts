import type { AdfDocument } from "./adf.ts";
import type { TicketFields } from "./jira-operations.ts";

/** An issue as a search returns it, reduced to what qaops reads. */
export interface FoundIssue {
  key: string;
  labels: string[];
  statusName: string;
  /** Jira's status category key: `new`, `indeterminate` or `done`. */
  statusCategory: string;
  properties: Record<string, unknown>;
}

export interface WorkflowTransition {
  id: string;
  name: string;
  toStatus: string;
  toCategory: string;
}

export interface UploadFile {
  filename: string;
  content: Uint8Array;
}

/**
 * The Jira calls qaops makes, one method per REST call. Two implementations: Jira Cloud (REST v3,
 * ADF, `/search/jql`) and Jira Data Center (REST v2, wiki markup, personal access token).
 * Methods throw jira.js's typed errors; retrying is the caller's business.
 */
export interface JiraGateway {
  readonly siteUrl: string;
  /** Every page of the search (bounded), with the given fields and issue properties. */
  search(jql: string, options: { properties: string[] }): Promise<FoundIssue[]>;
  createIssue(
    fields: TicketFields,
    properties: { key: string; value: unknown }[],
  ): Promise<{ key: string }>;
  addComment(key: string, body: AdfDocument): Promise<{ id: string }>;
  updateComment(key: string, commentId: string, body: AdfDocument): Promise<void>;
  listTransitions(key: string): Promise<WorkflowTransition[]>;
  transition(key: string, transitionId: string, comment: AdfDocument): Promise<void>;
  addAttachments(key: string, files: UploadFile[]): Promise<void>;
  setIssueProperty(key: string, propertyKey: string, value: unknown): Promise<void>;
  /** A property of the account the reporter uses; undefined when it was never set. */
  readOwnProperty(propertyKey: string): Promise<unknown>;
  writeOwnProperty(propertyKey: string, value: unknown): Promise<void>;
}

/** Most pages a search reads: 20 × 100 issues, far more open qaops tickets than is sane. */
export const searchPageLimit = 20;
export const searchPageSize = 100;

/**
 * The fields of a new issue as both REST versions take them, the description and the assignee
 * written as each version wants them (Cloud: ADF and an account id; Data Center: wiki markup
 * and a user name).
 */
export function newIssueFields<Description, Assignee>(
  fields: TicketFields,
  written: { description: Description; assignee: (user: string) => Assignee },
) {
  return {
    project: { key: fields.projectKey },
    issuetype: { name: fields.issueType },
    summary: fields.summary,
    description: written.description,
    labels: fields.labels,
    ...(fields.components.length > 0
      ? { components: fields.components.map((name) => ({ name })) }
      : {}),
    ...(fields.assignee ? { assignee: written.assignee(fields.assignee) } : {}),
  };
}
