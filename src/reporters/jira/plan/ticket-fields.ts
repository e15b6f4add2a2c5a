import type { TestRecord } from "../../run-summary/run-summary.ts";
import type { TicketFields } from "../jira-operations.ts";
import type { JiraPlanOptions } from "../jira-settings.ts";
import { routeOwner } from "../owner-routing.ts";
import { labels, sanitiseLabel } from "../ticket-state.ts";
import type { TicketKind } from "../ticket-state.ts";

/** qaops's own labels (which find the ticket again), the kind's, then the configured ones. */
export function ticketLabels(input: {
  fingerprint: string;
  kind: TicketKind;
  testKey?: string;
  plan: JiraPlanOptions;
}): string[] {
  const kindLabel =
    input.kind === "flaky"
      ? [labels.flaky]
      : input.kind === "environment"
        ? [labels.environment]
        : [];
  return [
    ...new Set(
      [
        labels.all,
        labels.fingerprint(input.fingerprint),
        ...(input.testKey ? [labels.test(input.testKey)] : []),
        ...kindLabel,
        ...input.plan.labels,
      ].map(sanitiseLabel),
    ),
  ];
}

/** The fields of a test's ticket, routed to the owner the configuration names for the test. */
export function testTicketFields(input: {
  test: TestRecord;
  issueType: string;
  summary: string;
  description: TicketFields["description"];
  labels: string[];
  plan: JiraPlanOptions;
}): TicketFields {
  const owner = routeOwner(input.test, input.plan.owners);
  return {
    projectKey: input.plan.projectKey,
    issueType: input.issueType,
    summary: input.summary,
    description: input.description,
    labels: [...new Set([...input.labels, ...owner.labels.map(sanitiseLabel)])],
    components: owner.components,
    ...(owner.assignee ? { assignee: owner.assignee } : {}),
  };
}
