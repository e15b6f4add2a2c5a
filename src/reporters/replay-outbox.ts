import { Outbox } from "./delivery/outbox.ts";
import type { OutboxRecord } from "./delivery/outbox.ts";
import type { ReplayVerdict } from "./delivery/replay-verdict.ts";
import { messageOf } from "./delivery/retry.ts";
import type { SchemaMismatchPolicy } from "./jira/cloud-gateway.ts";
import { connectionSecrets, createJiraGateway } from "./jira/create-gateway.ts";
import type { JiraGateway } from "./jira/jira-gateway.ts";
import { replayJiraRecord } from "./jira/replay-jira-record.ts";
import { resolveJiraSettings } from "./jira/jira-settings.ts";
import type { ReporterLog } from "./reporter-log.ts";
import { redact } from "../shared/redact.ts";
import { replaySlackRecord } from "./slack/slack-run.ts";
import { webhookSecrets } from "./slack/slack-sender.ts";

export interface ReplayOptions {
  dir: string;
  env: Record<string, string | undefined>;
  /** List what would be sent; send nothing, change nothing. */
  dryRun: boolean;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
  schemaMismatch?: SchemaMismatchPolicy;
}

export interface ReplayReport {
  delivered: string[];
  left: { id: string; reason: string }[];
}

/**
 * Re-sends every outbox record, oldest first, with the credentials of the current environment
 * (records never hold any). Delivered records are removed; the rest stay, with what went wrong.
 */
export async function replayOutbox(options: ReplayOptions): Promise<ReplayReport> {
  const { log } = options;
  const outbox = new Outbox(options.dir);
  const report: ReplayReport = { delivered: [], left: [] };
  const jira = jiraTarget(options);
  const webhookUrl = options.env.SLACK_WEBHOOK_URL || undefined;
  const secrets = [
    ...(jira.gateway ? connectionSecrets(jira.connection) : []),
    ...webhookSecrets(webhookUrl),
  ];

  for (const entry of await outbox.list()) {
    if ("problem" in entry) {
      report.left.push({ id: entry.file, reason: entry.problem });
      continue;
    }
    const { record } = entry;
    if (options.dryRun) {
      log.note(
        `${record.id}: ${describeRecord(record)} (tried ${record.attempts}×, last: ${record.lastError ?? "-"})`,
      );
      report.left.push({ id: record.id, reason: "dry run" });
      continue;
    }
    let verdict: ReplayVerdict;
    try {
      verdict =
        record.channel === "jira"
          ? await replayJira(record, { ...jira, outbox, log, options })
          : webhookUrl
            ? await replaySlackRecord({
                record,
                webhookUrl,
                outbox,
                log,
                ...(options.sleep ? { sleep: options.sleep } : {}),
              })
            : { delivered: false, reason: "set SLACK_WEBHOOK_URL" };
    } catch (error) {
      verdict = { delivered: false, reason: messageOf(error) };
    }
    if (verdict.delivered) {
      report.delivered.push(record.id);
      log.note(`${record.id}: delivered`);
    } else {
      const reason = redact(verdict.reason, secrets);
      report.left.push({ id: record.id, reason });
      log.warn(`${record.id}: left in the outbox (${reason})`);
    }
  }
  return report;
}

function jiraTarget(options: ReplayOptions): {
  gateway: JiraGateway | undefined;
  connection?: Parameters<typeof connectionSecrets>[0];
  missing?: string;
} {
  const resolution = resolveJiraSettings({}, options.env);
  if (!resolution.active || !resolution.settings.connection) {
    return {
      gateway: undefined,
      missing: resolution.active
        ? "set the JIRA_* env"
        : resolution.reason.replace(/^inactive: /, ""),
    };
  }
  const connection = resolution.settings.connection;
  return {
    gateway: createJiraGateway(
      connection,
      options.schemaMismatch ? { schemaMismatch: options.schemaMismatch } : {},
    ),
    connection,
  };
}

async function replayJira(
  record: OutboxRecord,
  context: {
    gateway: JiraGateway | undefined;
    missing?: string;
    outbox: Outbox;
    log: ReporterLog;
    options: ReplayOptions;
  },
): Promise<ReplayVerdict> {
  if (!context.gateway)
    return { delivered: false, reason: context.missing ?? "Jira is not configured" };
  const savedFor = (record.payload as { siteUrl?: unknown; plan?: { siteUrl?: unknown } }) ?? {};
  const site = savedFor.siteUrl ?? savedFor.plan?.siteUrl;
  if (typeof site === "string" && site !== context.gateway.siteUrl) {
    return {
      delivered: false,
      reason: `saved for ${site}, but JIRA_BASE_URL is ${context.gateway.siteUrl}`,
    };
  }
  return replayJiraRecord({
    record,
    gateway: context.gateway,
    outbox: context.outbox,
    log: context.log,
    ...(context.options.sleep ? { sleep: context.options.sleep } : {}),
  });
}

function describeRecord(record: OutboxRecord): string {
  const payload = record.payload as {
    operations?: unknown[];
    messages?: unknown[];
    summary?: { counts?: { failed?: number } };
  };
  if (record.kind === "jira-operations")
    return `${payload.operations?.length ?? 0} Jira operation(s)`;
  if (record.kind === "jira-run")
    return `a run to plan in Jira (${payload.summary?.counts?.failed ?? 0} failed)`;
  if (record.kind === "slack-messages") return `${payload.messages?.length ?? 0} Slack message(s)`;
  return `${record.channel} ${record.kind}`;
}
