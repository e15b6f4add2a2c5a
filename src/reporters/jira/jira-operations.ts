import { z } from "zod";
import type { AdfDocument } from "./adf.ts";
import { ticketKinds, ticketStateSchema, flakyLedgerSchema } from "./ticket-state.ts";

/**
 * The planner's output and the sender's input: each operation carries everything it needs, so a
 * batch can be saved to the outbox and replayed on its own later.
 */
const adfDocumentSchema = z.custom<AdfDocument>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "doc" &&
    Array.isArray((value as { content?: unknown }).content),
  "must be an ADF document",
);

/** Text travels inline; a file (a trace) by path, copied into the outbox when saved there. */
const attachmentSpecSchema = z.object({
  filename: z.string(),
  contentType: z.string(),
  text: z.string().optional(),
  path: z.string().optional(),
});

export type AttachmentSpec = z.infer<typeof attachmentSpecSchema>;

const ticketFieldsSchema = z.object({
  projectKey: z.string(),
  issueType: z.string(),
  summary: z.string(),
  description: adfDocumentSchema,
  labels: z.array(z.string()),
  components: z.array(z.string()),
  assignee: z.string().optional(),
});

export type TicketFields = z.infer<typeof ticketFieldsSchema>;

const ticketRef = { key: z.string(), fingerprint: z.string() };

export const jiraOperationSchema = z.discriminatedUnion("op", [
  z.object({
    op: z.literal("create"),
    fingerprint: z.string(),
    kind: z.enum(ticketKinds),
    fields: ticketFieldsSchema,
    state: ticketStateSchema,
    attachments: z.array(attachmentSpecSchema),
  }),
  /** Adds the ticket's recurrence comment, or edits it when the state names one. */
  z.object({
    op: z.literal("recur"),
    ...ticketRef,
    state: ticketStateSchema,
    comment: adfDocumentSchema,
  }),
  /** Moves the ticket along its own workflow: the transition is looked up when sent. */
  z.object({
    op: z.literal("transition"),
    ...ticketRef,
    to: z.enum(["done", "reopen"]),
    transitionName: z.string().optional(),
    state: ticketStateSchema,
    comment: adfDocumentSchema,
  }),
  z.object({ op: z.literal("set-state"), ...ticketRef, state: ticketStateSchema }),
  z.object({ op: z.literal("attach"), ...ticketRef, attachments: z.array(attachmentSpecSchema) }),
  z.object({
    op: z.literal("set-flaky-ledger"),
    projectKey: z.string(),
    ledger: flakyLedgerSchema,
  }),
]);

export type JiraOperation = z.infer<typeof jiraOperationSchema>;

/** Which issue an operation writes to; operations on one issue are sent one after another. */
export function operationTarget(operation: JiraOperation): string {
  switch (operation.op) {
    case "create":
      return `new:${operation.fingerprint}`;
    case "set-flaky-ledger":
      return `ledger:${operation.projectKey}`;
    default:
      return operation.key;
  }
}

/** One line per operation, for dry-run output and logs. */
export function describeOperation(operation: JiraOperation): string {
  switch (operation.op) {
    case "create":
      return `create ${operation.fields.issueType} (${operation.kind}) "${operation.fields.summary}"`;
    case "recur":
      return `comment on ${operation.key}: seen ${operation.state.occurrences} times`;
    case "transition":
      return `transition ${operation.key} to ${operation.to}`;
    case "set-state":
      return `update ${operation.key}: passed ${operation.state.passStreak} runs in a row`;
    case "attach":
      return `attach ${operation.attachments.length} file(s) to ${operation.key}`;
    case "set-flaky-ledger":
      return `count flaky runs of ${Object.keys(operation.ledger.tests).length} test(s)`;
  }
}
