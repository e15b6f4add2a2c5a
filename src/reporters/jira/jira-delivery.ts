import type { Outbox, OutboxRecord } from "../delivery/outbox.ts";
import type { ReporterLog } from "../reporter-log.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import { saveOperations } from "./jira-outbox.ts";
import type { DeliveryTarget } from "./jira-outbox.ts";
import { describeOperation } from "./jira-operations.ts";
import type { JiraOperation } from "./jira-operations.ts";
import { JiraOperationSender } from "./jira-sender.ts";
import type { JiraDeliveryReport } from "./jira-sender.ts";

/** What delivering needs besides the operations. */
export interface DeliveryContext {
  target: DeliveryTarget;
  gateway: JiraGateway;
  outbox: Outbox;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
}

export interface DeliveryOutcome {
  report: JiraDeliveryReport;
  /** The outbox record that holds what could not be delivered. */
  savedTo?: string;
}

/**
 * Carries the operations out, logs what happened and saves what is left: in a new record, or in
 * place of the record being replayed (removed once nothing is left).
 */
export async function deliverOperations(options: {
  operations: readonly JiraOperation[];
  context: DeliveryContext;
  attempts: number;
  replacing?: OutboxRecord;
}): Promise<DeliveryOutcome> {
  const { context, replacing } = options;
  const report = await new JiraOperationSender({
    gateway: context.gateway,
    retry: context.target.retry,
    concurrency: context.target.concurrency,
    maxAttachmentBytes: context.target.maxAttachmentBytes,
    ...(context.sleep ? { sleep: context.sleep } : {}),
  }).deliver(options.operations);
  logDelivery(report, context.log);
  if (report.remaining.length === 0) {
    if (replacing) await context.outbox.remove(replacing.id);
    return { report };
  }
  const problem = report.problems[0] ?? "unknown";
  const savedTo = await saveOperations({
    outbox: context.outbox,
    saved: { ...context.target, operations: report.remaining },
    attempts: options.attempts,
    error: problem,
    ...(replacing ? { replacing } : {}),
  });
  context.log.warn(
    `${report.remaining.length} Jira operation(s) not delivered (${problem}); saved to ${savedTo}: run \`qaops report replay\` to deliver them`,
  );
  for (const operation of report.remaining.slice(0, 5))
    context.log.note(`  left: ${describeOperation(operation)}`);
  return { report, savedTo };
}

function logDelivery(report: JiraDeliveryReport, log: ReporterLog): void {
  for (const note of report.notes) log.note(note);
  const created = report.tickets.filter((ticket) => ticket.created).length;
  const updated = new Set(
    report.tickets.filter((ticket) => !ticket.created).map((ticket) => ticket.key),
  ).size;
  log.note(
    `${created} ticket(s) created, ${updated} updated (${report.delivered} operation(s) delivered)`,
  );
}
