import type { ReporterLog } from "../reporter-log.ts";
import { failureFingerprint } from "../run-summary/fingerprint.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import type { JiraCall } from "./jira-call.ts";
import {
  doneTicketsJql,
  existingTicketOf,
  fingerprintsPerQuery,
  openTicketsJql,
  openTicketsWithFingerprintsJql,
} from "./existing-tickets.ts";
import type { ExistingTicket } from "./existing-tickets.ts";
import type { FoundIssue, JiraGateway } from "./jira-gateway.ts";
import type { JiraPlanOptions } from "./jira-settings.ts";
import { environmentFingerprint, flakyFingerprint } from "./ticket-fingerprints.ts";
import {
  emptyFlakyLedger,
  flakyLedgerPropertyKey,
  flakyLedgerSchema,
  ticketPropertyKey,
} from "./ticket-state.ts";
import type { FlakyLedger } from "./ticket-state.ts";

/** What the planner needs to know of Jira: the tickets that exist, and the flaky-run counts. */
export interface FoundTickets {
  existing: ExistingTicket[];
  flakyLedger?: FlakyLedger;
}

export interface FindTicketsOptions {
  gateway: JiraGateway;
  call: JiraCall;
  plan: JiraPlanOptions;
  summary: RunSummary;
  log: ReporterLog;
  now: Date;
}

/**
 * Every open qaops ticket, resolved ones of this run's failures, and the flaky-run counts when
 * they matter. Search is eventually consistent, so a ticket created moments ago may be missing:
 * within a run, the planner's own map covers that.
 */
export async function findTickets(options: FindTicketsOptions): Promise<FoundTickets> {
  const { gateway, plan, call } = options;
  const seenAt = options.now.toISOString();
  const properties = { properties: [ticketPropertyKey] };
  const open = await call("search open tickets", () =>
    gateway.search(openTicketsJql(plan.projectKey), properties),
  );
  const existing = ticketsOf(open, seenAt);
  const openFingerprints = new Set(existing.map((ticket) => ticket.fingerprint));
  const lookFor = [...observedFingerprints(options.summary, plan)].filter(
    (fingerprint) => !openFingerprints.has(fingerprint),
  );
  for (const chunk of inChunks(lookFor, fingerprintsPerQuery)) {
    const done = await call("search resolved tickets", () =>
      gateway.search(doneTicketsJql(plan.projectKey, chunk), properties),
    );
    existing.push(...ticketsOf(done, seenAt));
  }
  const flakyLedger = needsFlakyLedger(options.summary, plan, openFingerprints)
    ? await readFlakyLedger(options)
    : undefined;
  return { existing, ...(flakyLedger ? { flakyLedger } : {}) };
}

/** Open tickets of these fingerprints, created since a batch was saved (by a later run). */
export async function findOpenTicketsOf(options: {
  fingerprints: readonly string[];
  projectKey: string;
  gateway: JiraGateway;
  call: JiraCall;
}): Promise<{ issue: FoundIssue; ticket: ExistingTicket }[]> {
  const found: { issue: FoundIssue; ticket: ExistingTicket }[] = [];
  const seenAt = new Date().toISOString();
  for (const chunk of inChunks(options.fingerprints, fingerprintsPerQuery)) {
    const jql = openTicketsWithFingerprintsJql(options.projectKey, chunk);
    const issues = await options.call("search tickets created since", () =>
      options.gateway.search(jql, { properties: [] }),
    );
    for (const issue of issues) {
      const ticket = existingTicketOf(issue, seenAt);
      if (ticket) found.push({ issue, ticket });
    }
  }
  return found;
}

/** Fingerprints this run may have a ticket for: its failures, its flaky tests, the environment. */
function observedFingerprints(summary: RunSummary, plan: JiraPlanOptions): Set<string> {
  return new Set([
    ...summary.tests.filter((test) => test.outcome === "failed").map(failureFingerprint),
    ...flakyTests(summary).map((test) => flakyFingerprint(test.testKey)),
    environmentFingerprint(plan.projectKey),
  ]);
}

/** The counts matter only when a flaky test without a ticket may be counted towards one. */
function needsFlakyLedger(
  summary: RunSummary,
  plan: JiraPlanOptions,
  openFingerprints: ReadonlySet<string>,
): boolean {
  return (
    plan.flakyThreshold > 1 &&
    flakyTests(summary).some((test) => !openFingerprints.has(flakyFingerprint(test.testKey)))
  );
}

async function readFlakyLedger(options: FindTicketsOptions): Promise<FlakyLedger> {
  const raw = await options.call("read flaky-run counts", () =>
    options.gateway.readOwnProperty(flakyLedgerPropertyKey(options.plan.projectKey)),
  );
  const parsed = flakyLedgerSchema.safeParse(raw);
  if (raw !== undefined && !parsed.success) {
    options.log.note("the saved flaky-run counts were unreadable; counting starts again");
  }
  return parsed.success ? parsed.data : emptyFlakyLedger();
}

function flakyTests(summary: RunSummary) {
  return summary.tests.filter((test) => test.outcome === "flaky");
}

function ticketsOf(issues: readonly FoundIssue[], seenAt: string): ExistingTicket[] {
  return issues.flatMap((issue) => existingTicketOf(issue, seenAt) ?? []);
}

/** JQL stays well under Jira's length limits with a bounded number of fingerprints a query. */
function inChunks<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    chunks.push(items.slice(start, start + size));
  }
  return chunks;
}
