import type { JqlIssueView } from "./jql.ts";
import { statusOf } from "./fake-jira-model.ts";
import type {
  FakeComment,
  FakeIssue,
  FakeStatus,
  WorkflowTransitionDefinition,
} from "./fake-jira-model.ts";

// How the fake's issues look in its answers, as Jira's REST APIs spell them.

/** A status with its category, linked under the site at `baseUrl`. */
export function statusView(baseUrl: string, status: FakeStatus): unknown {
  return {
    self: `${baseUrl}/status/${status.id}`,
    id: status.id,
    name: status.name,
    statusCategory: {
      self: `${baseUrl}/statuscategory/${status.id}`,
      id: Number(status.id),
      key: status.key,
      name: status.name,
      colorName: "blue-gray",
    },
  };
}

/** An issue with the fields and properties asked for (`*all` or `*navigable`: every field). */
export function issueView(
  siteUrl: string,
  issue: FakeIssue,
  request: { fields: string[]; properties: string[] },
): unknown {
  const { fields, properties } = request;
  const all = fields.includes("*all") || fields.includes("*navigable");
  const available: Record<string, unknown> = {
    summary: issue.summary,
    labels: issue.labels,
    status: statusView(`${siteUrl}/rest/api/3`, statusOf(issue.status)),
    issuetype: { name: issue.issueType },
    description: issue.description,
    components: issue.components.map((name) => ({ name })),
  };
  const picked = Object.fromEntries(
    Object.entries(available).filter(([name]) => all || fields.includes(name)),
  );
  const props = Object.fromEntries(
    properties.filter((key) => key in issue.properties).map((key) => [key, issue.properties[key]]),
  );
  return {
    id: issue.id,
    key: issue.key,
    self: `${siteUrl}/rest/api/3/issue/${issue.id}`,
    fields: picked,
    ...(properties.length > 0 ? { properties: props } : {}),
  };
}

export function jqlView(issue: FakeIssue): JqlIssueView {
  const status = statusOf(issue.status);
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

export function commentView(siteUrl: string, issue: FakeIssue, comment: FakeComment): unknown {
  return {
    id: comment.id,
    self: `${siteUrl}/rest/api/3/issue/${issue.id}/comment/${comment.id}`,
    body: comment.body,
    created: comment.created,
    updated: comment.updated,
  };
}

export function transitionView(apiUrl: string, transition: WorkflowTransitionDefinition): unknown {
  return {
    id: transition.id,
    name: transition.name,
    hasScreen: false,
    isGlobal: false,
    isInitial: false,
    isConditional: false,
    to: statusView(apiUrl, statusOf(transition.to)),
  };
}
