import type { Outbox, OutboxRecord } from "../delivery/outbox.ts";
import type { ReplayVerdict } from "../delivery/replay-verdict.ts";
import { messageOf } from "../delivery/retry.ts";
import type { ReporterLog } from "../reporter-log.ts";
import { findOpenTicketsOf, findTickets } from "./find-tickets.ts";
import type { FoundTickets } from "./find-tickets.ts";
import { jiraCaller } from "./jira-call.ts";
import { deliverOperations } from "./jira-delivery.ts";
import type { DeliveryContext } from "./jira-delivery.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import { deliveryTargetOf, operationsRecordSchema, runRecordSchema } from "./jira-outbox.ts";
import type { JiraOperation } from "./jira-operations.ts";
import { planJiraOperations } from "./ticket-planner.ts";

export interface ReplayJiraOptions {
  record: OutboxRecord;
  gateway: JiraGateway;
  outbox: Outbox;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
}

/** Replays one saved Jira record: a whole run (planned now) or operations left over. */
export async function replayJiraRecord(options: ReplayJiraOptions): Promise<ReplayVerdict> {
  const { record } = options;
  if (record.kind === "jira-run") return replayRun(options);
  if (record.kind === "jira-operations") return replayOperations(options);
  return { delivered: false, reason: `unknown Jira record kind "${record.kind}"` };
}

/** A run saved before Jira could be searched: planned now, as of when it ran. */
async function replayRun(options: ReplayJiraOptions): Promise<ReplayVerdict> {
  const saved = runRecordSchema.parse(options.record.payload);
  const context = contextOf(options, deliveryTargetOf(saved));
  const now = new Date(saved.plannedAt);
  let found: FoundTickets;
  try {
    found = await findTickets({
      gateway: options.gateway,
      call: callerOf(context),
      plan: saved.plan,
      summary: saved.summary,
      log: options.log,
      now,
    });
  } catch (error) {
    return searchFailed(error);
  }
  const plan = planJiraOperations({ summary: saved.summary, ...found, options: saved.plan, now });
  return redeliver(plan.operations, context, options.record);
}

/** Operations left over: creates are dropped whose ticket a later run has opened since. */
async function replayOperations(options: ReplayJiraOptions): Promise<ReplayVerdict> {
  const { operations, ...target } = operationsRecordSchema.parse(options.record.payload);
  const context = contextOf(options, target);
  const creates = operations.flatMap((operation) =>
    operation.op === "create" ? [operation.fingerprint] : [],
  );
  let found: Awaited<ReturnType<typeof findOpenTicketsOf>>;
  try {
    found = await findOpenTicketsOf({
      fingerprints: creates,
      projectKey: target.projectKey,
      gateway: options.gateway,
      call: callerOf(context),
    });
  } catch (error) {
    return searchFailed(error);
  }
  const taken = new Set<string>();
  for (const { issue, ticket } of found) {
    taken.add(ticket.fingerprint);
    options.log.note(`${issue.key} already tracks ${ticket.fingerprint}; not creating it again`);
  }
  const left = operations.filter(
    (operation: JiraOperation) => operation.op !== "create" || !taken.has(operation.fingerprint),
  );
  return redeliver(left, context, options.record);
}

/** A saved record's operations, delivered again; what is still left replaces the record. */
async function redeliver(
  operations: readonly JiraOperation[],
  context: DeliveryContext,
  record: OutboxRecord,
): Promise<ReplayVerdict> {
  const { report, savedTo } = await deliverOperations({
    operations,
    context,
    attempts: record.attempts + 1,
    replacing: record,
  });
  return savedTo
    ? { delivered: false, reason: report.problems[0] ?? "not delivered" }
    : { delivered: true };
}

function contextOf(options: ReplayJiraOptions, target: DeliveryContext["target"]): DeliveryContext {
  return {
    target,
    gateway: options.gateway,
    outbox: options.outbox,
    log: options.log,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
}

function callerOf(context: DeliveryContext) {
  return jiraCaller({
    retry: context.target.retry,
    ...(context.sleep ? { sleep: context.sleep } : {}),
  });
}

/** A search that failed leaves the record as it is, with the reason: nothing was sent yet. */
function searchFailed(error: unknown): ReplayVerdict {
  return { delivered: false, reason: messageOf(error) };
}
