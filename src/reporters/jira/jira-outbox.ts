import path from "node:path";
import { z } from "zod";
import type { Outbox, OutboxRecord } from "../delivery/outbox.ts";
import type { RetryPolicy } from "../delivery/retry.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import { jiraOperationSchema } from "./jira-operations.ts";
import type { JiraOperation } from "./jira-operations.ts";
import { jiraPlanOptionsSchema } from "./jira-settings.ts";
import type { JiraPlanOptions } from "./jira-settings.ts";

// The two kinds of Jira record in the outbox: a whole run, saved when Jira could not even be
// searched (a replay plans it afresh), and the operations a delivery left over.

const retryPolicySchema = z.object({
  attempts: z.number(),
  baseDelayMs: z.number(),
  maxDelayMs: z.number(),
});

export const runRecordSchema = z.object({
  plannedAt: z.string(),
  plan: jiraPlanOptionsSchema,
  retry: retryPolicySchema,
  concurrency: z.number(),
  summary: z.custom<RunSummary>((value) => typeof value === "object" && value !== null),
});

export const operationsRecordSchema = z.object({
  siteUrl: z.string(),
  projectKey: z.string(),
  retry: retryPolicySchema,
  concurrency: z.number(),
  maxAttachmentBytes: z.number(),
  operations: z.array(jiraOperationSchema),
});

export type SavedRun = z.infer<typeof runRecordSchema>;
export type SavedOperations = z.infer<typeof operationsRecordSchema>;
/** Where and how a batch of operations is delivered: what a saved batch records besides them. */
export type DeliveryTarget = Omit<SavedOperations, "operations">;

/** Saves a run whole, with copies of the attachments the plan would send. */
export async function saveRun(options: {
  outbox: Outbox;
  run: SavedRun;
  error: string;
}): Promise<string> {
  const { outbox, run } = options;
  const id = outbox.newId("jira");
  const tests = [];
  for (const test of run.summary.tests) {
    const attachments = [];
    for (const attachment of test.attachments) {
      if (!run.plan.attachments.includes(attachment.name)) continue;
      attachments.push(
        attachment.path
          ? { ...attachment, path: await keepFile(outbox, id, attachment.path) }
          : attachment,
      );
    }
    tests.push({ ...test, attachments });
  }
  return outbox.write({
    version: 1,
    id,
    createdAt: run.plannedAt,
    channel: "jira",
    kind: "jira-run",
    attempts: 1,
    lastError: options.error,
    payload: { ...run, summary: { ...run.summary, tests } },
  });
}

/** Saves operations left over, replacing the record they were replayed from, if any. */
export async function saveOperations(options: {
  outbox: Outbox;
  saved: SavedOperations;
  attempts: number;
  error: string;
  replacing?: OutboxRecord;
}): Promise<string> {
  const { outbox, saved, replacing } = options;
  const id = replacing?.id ?? outbox.newId("jira");
  return outbox.write({
    version: 1,
    id,
    createdAt: replacing?.createdAt ?? new Date().toISOString(),
    channel: "jira",
    kind: "jira-operations",
    attempts: options.attempts,
    lastError: options.error,
    payload: { ...saved, operations: await keepFiles(saved.operations, outbox, id) },
  });
}

export function deliveryTargetOf(options: {
  plan: Pick<JiraPlanOptions, "siteUrl" | "projectKey" | "maxAttachmentBytes">;
  retry: RetryPolicy;
  concurrency: number;
}): DeliveryTarget {
  return {
    siteUrl: options.plan.siteUrl,
    projectKey: options.plan.projectKey,
    retry: options.retry,
    concurrency: options.concurrency,
    maxAttachmentBytes: options.plan.maxAttachmentBytes,
  };
}

/** Files referenced by saved operations are copied next to the record: test output may be cleaned. */
async function keepFiles(
  operations: readonly JiraOperation[],
  outbox: Outbox,
  id: string,
): Promise<JiraOperation[]> {
  const kept: JiraOperation[] = [];
  for (const operation of operations) {
    if (operation.op !== "create" && operation.op !== "attach") {
      kept.push(operation);
      continue;
    }
    const attachments = [];
    for (const spec of operation.attachments) {
      attachments.push(spec.path ? { ...spec, path: await keepFile(outbox, id, spec.path) } : spec);
    }
    kept.push({ ...operation, attachments });
  }
  return kept;
}

async function keepFile(outbox: Outbox, id: string, file: string): Promise<string> {
  if (path.resolve(file).startsWith(path.resolve(outbox.dir, id) + path.sep)) return file;
  return outbox.keepFile(id, file).catch(() => file);
}
