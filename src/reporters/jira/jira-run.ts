import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Outbox } from "../delivery/outbox.ts";
import { messageOf } from "../delivery/retry.ts";
import type { RetryPolicy } from "../delivery/retry.ts";
import type { ReporterLog } from "../reporter-log.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import type { TicketLink } from "../ticket-links.ts";
import { createJiraGateway } from "./create-gateway.ts";
import { findTickets } from "./find-tickets.ts";
import type { FoundTickets } from "./find-tickets.ts";
import { jiraCaller } from "./jira-call.ts";
import { deliverOperations } from "./jira-delivery.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import { deliveryTargetOf, saveRun } from "./jira-outbox.ts";
import type { JiraPlanOptions, JiraSettings } from "./jira-settings.ts";
import { planJiraOperations } from "./ticket-planner.ts";
import type { JiraPlan } from "./ticket-planner.ts";

export interface JiraRunOptions {
  summary: RunSummary;
  plan: JiraPlanOptions;
  retry: RetryPolicy;
  concurrency: number;
  /** Undefined only for a dry run without credentials: it plans as if no ticket existed. */
  gateway: JiraGateway | undefined;
  dryRunFile?: string;
  outbox: Outbox;
  log: ReporterLog;
  now?: Date;
  sleep?: (ms: number) => Promise<void>;
}

export interface JiraRunResult {
  tickets: TicketLink[];
  /** The outbox record that holds what could not be delivered. */
  savedTo?: string;
}

/**
 * One run's Jira reporting: look up the tickets that exist, plan, then deliver (or, in a dry
 * run, write the plan to a file). Never throws for Jira's sake: what cannot be delivered goes to
 * the outbox with a warning.
 */
export async function reportRunToJira(options: JiraRunOptions): Promise<JiraRunResult> {
  const { gateway, log } = options;
  const now = options.now ?? new Date();
  const found = await findTicketsFor(options, now);
  if ("savedTo" in found) return { tickets: [], savedTo: found.savedTo };
  const plan = planJiraOperations({
    summary: options.summary,
    ...found,
    options: options.plan,
    now,
  });
  for (const note of plan.notes) log.note(note);
  const known = plan.knownTickets.map((ticket) => linkOf(options.plan.siteUrl, ticket));
  if (options.dryRunFile) {
    await writeDryRun(options.dryRunFile, plan, now);
    log.note(
      `dry run: ${plan.operations.length} operation(s) written to ${options.dryRunFile}; nothing sent`,
    );
    return { tickets: known };
  }
  if (!gateway) return { tickets: known };
  const { report, savedTo } = await deliverOperations({
    operations: plan.operations,
    context: {
      target: deliveryTargetOf(options),
      gateway,
      outbox: options.outbox,
      log,
      ...sleepOf(options),
    },
    attempts: 1,
  });
  const links = new Map(known.map((link) => [link.fingerprint, link]));
  for (const ticket of report.tickets)
    links.set(ticket.fingerprint, linkOf(options.plan.siteUrl, ticket));
  return { tickets: [...links.values()], ...(savedTo ? { savedTo } : {}) };
}

/** A run reported as resolved settings say, the same way from the reporter and from `qaops perf`. */
export function reportRunWithJiraSettings(options: {
  summary: RunSummary;
  settings: JiraSettings;
  outbox: Outbox;
  log: ReporterLog;
}): Promise<JiraRunResult> {
  const { settings } = options;
  return reportRunToJira({
    summary: options.summary,
    plan: settings.plan,
    retry: settings.retry,
    concurrency: settings.concurrency,
    gateway: settings.connection ? createJiraGateway(settings.connection) : undefined,
    ...(settings.dryRunFile ? { dryRunFile: settings.dryRunFile } : {}),
    outbox: options.outbox,
    log: options.log,
  });
}

/**
 * The tickets Jira knows of. When it cannot be searched, a real run is saved whole for a replay
 * to plan afresh; a dry run plans as if there were no tickets.
 */
async function findTicketsFor(
  options: JiraRunOptions,
  now: Date,
): Promise<FoundTickets | { savedTo: string }> {
  const { gateway, log } = options;
  if (!gateway) return { existing: [] };
  try {
    const call = jiraCaller({ retry: options.retry, ...sleepOf(options) });
    return await findTickets({ ...options, gateway, call, now });
  } catch (error) {
    if (options.dryRunFile) {
      log.warn(
        `could not read existing tickets (${messageOf(error)}); the dry run plans as if there were none`,
      );
      return { existing: [] };
    }
    const savedTo = await saveRun({
      outbox: options.outbox,
      run: {
        plannedAt: now.toISOString(),
        plan: options.plan,
        retry: options.retry,
        concurrency: options.concurrency,
        summary: options.summary,
      },
      error: messageOf(error),
    });
    log.warn(
      `Jira could not be reached (${messageOf(error)}); this run is saved to ${savedTo}: run \`qaops report replay\` to deliver it`,
    );
    return { savedTo };
  }
}

async function writeDryRun(file: string, plan: JiraPlan, now: Date): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify({ plannedAt: now.toISOString(), ...plan }, null, 2)}\n`);
}

function linkOf(siteUrl: string, ticket: { fingerprint: string; key: string }): TicketLink {
  return {
    fingerprint: ticket.fingerprint,
    key: ticket.key,
    url: `${siteUrl}/browse/${ticket.key}`,
  };
}

function sleepOf(options: { sleep?: (ms: number) => Promise<void> }) {
  return options.sleep ? { sleep: options.sleep } : {};
}
