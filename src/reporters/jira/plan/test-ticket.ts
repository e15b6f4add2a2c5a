import type { TestRecord } from "../../run-summary/run-summary.ts";
import type { JiraOperation, TicketFields } from "../jira-operations.ts";
import type { JiraPlanOptions } from "../jira-settings.ts";
import type { RunMark } from "../ticket-state.ts";
import { attachmentSpecs } from "./attachment-specs.ts";
import { testTicketFields, ticketLabels } from "./ticket-fields.ts";
import { newState } from "./ticket-state-changes.ts";

/** Opening a ticket for one test: a failure, or a test flaky often enough to be tracked. */
export function createTestTicket(input: {
  kind: "failure" | "flaky";
  fingerprint: string;
  test: TestRecord;
  issueType: string;
  summary: string;
  description: TicketFields["description"];
  occurrences: number;
  mark: RunMark;
  plan: JiraPlanOptions;
}): Extract<JiraOperation, { op: "create" }> {
  const { kind, fingerprint, test, plan } = input;
  const { testKey } = test;
  return {
    op: "create",
    fingerprint,
    kind,
    fields: testTicketFields({
      test,
      issueType: input.issueType,
      summary: input.summary,
      description: input.description,
      labels: ticketLabels({ fingerprint, kind, testKey, plan }),
      plan,
    }),
    state: newState({
      kind,
      fingerprint,
      testKey,
      mark: input.mark,
      occurrences: input.occurrences,
    }),
    attachments: attachmentSpecs(test, plan),
  };
}
