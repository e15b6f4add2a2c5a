// Planner inputs shared by the planner's tests.
import { failureFingerprint } from "../../src/reporters/run-summary/fingerprint.ts";
import type { TestRecord } from "../../src/reporters/run-summary/run-summary.ts";
import type { ExistingTicket } from "../../src/reporters/jira/existing-tickets.ts";
import type { JiraOperation } from "../../src/reporters/jira/jira-operations.ts";
import type { JiraPlanOptions } from "../../src/reporters/jira/jira-settings.ts";
import { planJiraOperations } from "../../src/reporters/jira/ticket-planner.ts";
import type { PlanInput } from "../../src/reporters/jira/ticket-planner.ts";
import type { TicketState } from "../../src/reporters/jira/ticket-state.ts";
import { runSummary } from "./summary-fixtures.ts";

/** Plan options with flaky tracking at 3 runs and auto-resolve off. */
export const options: JiraPlanOptions = {
  siteUrl: "https://acme.atlassian.net",
  projectKey: "QA",
  issueType: "Bug",
  flakyIssueType: "Task",
  flakyThreshold: 3,
  autoResolveAfter: 0,
  massFailureThreshold: 20,
  environmentIssueType: "Bug",
  labels: [],
  owners: [],
  attachments: ["api-exchanges", "trace"],
  maxAttachmentBytes: 1_000,
};
export const now = new Date("2026-05-04T10:05:00.000Z");

/** Plans `tests` against no ticket, unless `extra` says otherwise. */
export function plan(tests: TestRecord[], extra: Partial<PlanInput> = {}) {
  return planJiraOperations({ summary: runSummary(tests), existing: [], options, now, ...extra });
}

/** An open failure ticket of `test`, seen twice before. */
export function ticket(
  test: TestRecord,
  overrides: Omit<Partial<ExistingTicket>, "state"> & { state?: Partial<TicketState> } = {},
): ExistingTicket {
  const fingerprint = overrides.fingerprint ?? failureFingerprint(test);
  const { state, ...rest } = overrides;
  return {
    key: "QA-7",
    fingerprint,
    done: false,
    ...rest,
    state: {
      v: 1,
      kind: "failure",
      fingerprint,
      testKey: test.testKey,
      occurrences: 2,
      firstSeen: "2026-05-01T00:00:00.000Z",
      lastSeen: "2026-05-03T00:00:00.000Z",
      passStreak: 0,
      commentId: "9001",
      recent: [],
      ...state,
    },
  };
}

/** The operations of one kind. */
export function only<T extends JiraOperation["op"]>(
  operations: JiraOperation[],
  op: T,
): Extract<JiraOperation, { op: T }>[] {
  return operations.filter(
    (operation): operation is Extract<JiraOperation, { op: T }> => operation.op === op,
  );
}
