import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Outbox, OutboxRecord } from "../delivery/outbox.ts";
import type { ReplayVerdict } from "../delivery/replay-verdict.ts";
import type { RetryPolicy } from "../delivery/retry.ts";
import type { ReporterLog } from "../reporter-log.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import type { TicketLink } from "../ticket-links.ts";
import type { SlackMessage } from "./block-kit.ts";
import { buildSlackMessages, shouldSend } from "./slack-payload.ts";
import { SlackWebhookSender, webhookFingerprint } from "./slack-sender.ts";
import type { SlackSettings } from "./slack-settings.ts";

export interface SlackRunOptions {
  summary: RunSummary;
  settings: SlackSettings;
  ticketFor?: (fingerprint: string) => TicketLink | undefined;
  outbox: Outbox;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
}

export interface SlackRunResult {
  messages: SlackMessage[];
  sent: number;
  savedTo?: string;
}

/**
 * One run's Slack summary: decide by send-on, build, then post (or write, in a dry run). Never
 * throws for Slack's sake: unsent messages go to the outbox with a warning.
 */
export async function reportRunToSlack(options: SlackRunOptions): Promise<SlackRunResult> {
  const { summary, settings, log } = options;
  if (!shouldSend(summary, settings.sendOn)) {
    log.note(`not sent (send-on: ${settings.sendOn}, ${summary.counts.failed} failed)`);
    return { messages: [], sent: 0 };
  }
  const messages = buildSlackMessages(summary, {
    title: settings.title,
    maxFailuresListed: settings.maxFailuresListed,
    maxMessages: settings.maxMessages,
    ...(options.ticketFor ? { ticketFor: options.ticketFor } : {}),
  });
  if (settings.dryRunFile) {
    await mkdir(path.dirname(settings.dryRunFile), { recursive: true });
    await writeFile(settings.dryRunFile, `${JSON.stringify({ messages }, null, 2)}\n`);
    log.note(
      `dry run: ${messages.length} message(s) written to ${settings.dryRunFile}; nothing sent`,
    );
    return { messages, sent: 0 };
  }
  if (!settings.webhookUrl) return { messages, sent: 0 };
  const report = await new SlackWebhookSender({
    webhookUrl: settings.webhookUrl,
    retry: settings.retry,
    minIntervalMs: settings.minIntervalMs,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  }).send(messages);
  if (report.remaining.length === 0) {
    log.note(`${report.sent} message(s) sent`);
    return { messages, sent: report.sent };
  }
  const id = options.outbox.newId("slack");
  const savedTo = await options.outbox.write({
    version: 1,
    id,
    createdAt: new Date().toISOString(),
    channel: "slack",
    kind: "slack-messages",
    attempts: 1,
    lastError: report.problem ?? "not sent",
    payload: {
      webhook: webhookFingerprint(settings.webhookUrl),
      minIntervalMs: settings.minIntervalMs,
      retry: settings.retry,
      messages: report.remaining,
    },
  });
  log.warn(
    `${report.remaining.length} of ${messages.length} message(s) not sent (${report.problem}); saved to ${savedTo}: run \`qaops report replay\` to send them`,
  );
  return { messages, sent: report.sent, savedTo };
}

const messagesRecordSchema = z.object({
  webhook: z.string(),
  minIntervalMs: z.number(),
  retry: z.object({ attempts: z.number(), baseDelayMs: z.number(), maxDelayMs: z.number() }),
  messages: z.array(z.custom<SlackMessage>((value) => typeof value === "object" && value !== null)),
});

/** Sends a saved batch again; what still fails stays in the record. */
export async function replaySlackRecord(options: {
  record: OutboxRecord;
  webhookUrl: string;
  outbox: Outbox;
  log: ReporterLog;
  retry?: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
}): Promise<ReplayVerdict> {
  const { record, log } = options;
  if (record.kind !== "slack-messages") {
    return { delivered: false, reason: `unknown Slack record kind "${record.kind}"` };
  }
  const saved = messagesRecordSchema.parse(record.payload);
  if (saved.webhook !== webhookFingerprint(options.webhookUrl)) {
    log.note(
      `${record.id}: SLACK_WEBHOOK_URL is not the webhook this batch was first sent to; sending to it anyway`,
    );
  }
  const report = await new SlackWebhookSender({
    webhookUrl: options.webhookUrl,
    retry: options.retry ?? saved.retry,
    minIntervalMs: saved.minIntervalMs,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  }).send(saved.messages);
  if (report.remaining.length === 0) {
    await options.outbox.remove(record.id);
    log.note(`${record.id}: ${report.sent} Slack message(s) sent`);
    return { delivered: true };
  }
  await options.outbox.write({
    ...record,
    attempts: record.attempts + 1,
    lastError: report.problem ?? "not sent",
    payload: { ...saved, messages: report.remaining },
  });
  return { delivered: false, reason: report.problem ?? "not sent" };
}
