import type { TestRecord } from "../run-summary/run-summary.ts";
import type { OwnerRule } from "./jira-settings.ts";

export interface Ownership {
  components: string[];
  assignee?: string;
  labels: string[];
}

/** Annotations a test can carry to route its own ticket, e.g. `{ type: "jira-component", description: "Payments" }`. */
const ownerAnnotations = {
  component: "jira-component",
  assignee: "jira-assignee",
  label: "jira-label",
} as const;

/**
 * Who owns a test's ticket: its own `jira-*` annotations first, then every matching rule (by tag,
 * annotation or project). Components and labels add up; the first assignee wins.
 */
export function routeOwner(
  test: Pick<TestRecord, "tags" | "annotations" | "project">,
  rules: readonly OwnerRule[],
): Ownership {
  const components: string[] = [];
  const labels: string[] = [];
  let assignee: string | undefined;
  for (const annotation of test.annotations) {
    const value = annotation.description?.trim();
    if (!value) continue;
    if (annotation.type === ownerAnnotations.component) components.push(value);
    if (annotation.type === ownerAnnotations.label) labels.push(value);
    if (annotation.type === ownerAnnotations.assignee) assignee ??= value;
  }
  for (const rule of rules.filter((candidate) => matches(candidate, test))) {
    if (rule.component) components.push(rule.component);
    labels.push(...(rule.labels ?? []));
    assignee ??= rule.assignee;
  }
  return {
    components: [...new Set(components)],
    labels: [...new Set(labels)],
    ...(assignee ? { assignee } : {}),
  };
}

function matches(
  rule: OwnerRule,
  test: Pick<TestRecord, "tags" | "annotations" | "project">,
): boolean {
  if (rule.project !== undefined && rule.project !== test.project) return false;
  if (rule.tag !== undefined && !test.tags.includes(rule.tag)) return false;
  if (
    rule.annotation !== undefined &&
    !test.annotations.some(
      (annotation) =>
        annotation.type === rule.annotation &&
        (rule.value === undefined || annotation.description === rule.value),
    )
  ) {
    return false;
  }
  return true;
}
