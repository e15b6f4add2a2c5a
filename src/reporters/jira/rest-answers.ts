import type { FoundIssue, WorkflowTransition } from "./jira-gateway.ts";

/** An issue as REST v2 and v3 searches both return it; every part may be missing. */
export interface RestIssue {
  key?: string;
  fields?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** A transition as REST v2 and v3 both list it. */
export interface RestTransition {
  id?: string;
  name?: string;
  to?: { name?: string; statusCategory?: { key?: string } };
}

export function foundIssueOf(issue: RestIssue): FoundIssue {
  const fields = issue.fields ?? {};
  const status = (fields.status ?? {}) as { name?: string; statusCategory?: { key?: string } };
  return {
    key: issue.key ?? "",
    labels: Array.isArray(fields.labels) ? (fields.labels as string[]) : [],
    statusName: status.name ?? "",
    statusCategory: status.statusCategory?.key ?? "",
    properties: issue.properties ?? {},
  };
}

export function workflowTransitionOf(transition: RestTransition): WorkflowTransition {
  return {
    id: transition.id ?? "",
    name: transition.name ?? "",
    toStatus: transition.to?.name ?? "",
    toCategory: transition.to?.statusCategory?.key ?? "",
  };
}
