import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Outbox, OutboxRecord } from "../delivery/outbox.ts";
import { DeliveryThrottle, messageOf, withRetry } from "../delivery/retry.ts";
import type { RetryPolicy } from "../delivery/retry.ts";
import type { ReporterLog } from "../reporter-log.ts";
import { failureFingerprint } from "../run-summary/fingerprint.ts";
import type { RunSummary } from "../run-summary/run-summary.ts";
import type { TicketLink } from "../ticket-links.ts";
import { createJiraGateway } from "./create-gateway.ts";
import {
  doneTicketsJql,
  existingTicketOf,
  fingerprintsPerQuery,
  openTicketsJql,
  openTicketsWithFingerprintsJql,
} from "./existing-tickets.ts";
import type { ExistingTicket } from "./existing-tickets.ts";
import type { JiraGateway } from "./jira-gateway.ts";
import { describeOperation, jiraOperationSchema } from "./jira-operations.ts";
import type { JiraOperation } from "./jira-operations.ts";
import { classifyJiraFailure, JiraOperationSender } from "./jira-sender.ts";
import type { JiraDeliveryReport } from "./jira-sender.ts";
import { jiraPlanOptionsSchema } from "./jira-settings.ts";
import type { JiraPlanOptions, JiraSettings } from "./jira-settings.ts";
import { environmentFingerprint, flakyFingerprint, planJiraOperations } from "./ticket-planner.ts";
import {
  emptyFlakyLedger,
  flakyLedgerPropertyKey,
  flakyLedgerSchema,
  ticketPropertyKey,
} from "./ticket-state.ts";
import type { FlakyLedger } from "./ticket-state.ts";

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

/** What delivering needs besides the operations; also what a saved batch records of it. */
interface DeliveryContext {
  siteUrl: string;
  projectKey: string;
  maxAttachmentBytes: number;
  retry: RetryPolicy;
  concurrency: number;
  outbox: Outbox;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
}

function deliveryContextOf(options: JiraRunOptions): DeliveryContext {
  return {
    siteUrl: options.plan.siteUrl,
    projectKey: options.plan.projectKey,
    maxAttachmentBytes: options.plan.maxAttachmentBytes,
    retry: options.retry,
    concurrency: options.concurrency,
    outbox: options.outbox,
    log: options.log,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  };
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
  let found: FoundTickets = { existing: [], flakyLedger: undefined };
  if (gateway) {
    try {
      found = await lookUpTickets({ ...options, gateway, now });
    } catch (error) {
      if (!options.dryRunFile) {
        const savedTo = await saveRun(options, now, messageOf(error));
        log.warn(
          `Jira could not be reached (${messageOf(error)}); this run is saved to ${savedTo}: run \`qaops report replay\` to deliver it`,
        );
        return { tickets: [], savedTo };
      }
      log.warn(
        `could not read existing tickets (${messageOf(error)}); the dry run plans as if there were none`,
      );
    }
  }
  const plan = planJiraOperations({
    summary: options.summary,
    existing: found.existing,
    ...(found.flakyLedger ? { flakyLedger: found.flakyLedger } : {}),
    options: options.plan,
    now,
  });
  for (const note of plan.notes) log.note(note);
  const known = plan.knownTickets.map((ticket) => linkOf(options.plan.siteUrl, ticket));

  if (options.dryRunFile) {
    await writeDryRun(options.dryRunFile, { plannedAt: now.toISOString(), ...plan });
    log.note(
      `dry run: ${plan.operations.length} operation(s) written to ${options.dryRunFile}; nothing sent`,
    );
    return { tickets: known };
  }
  if (!gateway) return { tickets: known };

  const context = deliveryContextOf(options);
  const report = await sender(context, gateway).deliver(plan.operations);
  const savedTo = await settle({ report, context, attempts: 1 });
  return {
    tickets: mergeLinks(known, report, options.plan.siteUrl),
    ...(savedTo ? { savedTo } : {}),
  };
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

/** The outbox record kinds this module writes and replays. */
const runRecordSchema = z.object({
  plannedAt: z.string(),
  plan: jiraPlanOptionsSchema,
  retry: z.object({ attempts: z.number(), baseDelayMs: z.number(), maxDelayMs: z.number() }),
  concurrency: z.number(),
  summary: z.custom<RunSummary>((value) => typeof value === "object" && value !== null),
});

const operationsRecordSchema = z.object({
  siteUrl: z.string(),
  projectKey: z.string(),
  retry: runRecordSchema.shape.retry,
  concurrency: z.number(),
  maxAttachmentBytes: z.number(),
  operations: z.array(jiraOperationSchema),
});

export type ReplayVerdict = { delivered: true } | { delivered: false; reason: string };

/** Replays one saved Jira record: a whole run (planned now) or operations left over. */
export async function replayJiraRecord(options: {
  record: OutboxRecord;
  gateway: JiraGateway;
  outbox: Outbox;
  log: ReporterLog;
  sleep?: (ms: number) => Promise<void>;
}): Promise<ReplayVerdict> {
  const { record, gateway, log, outbox } = options;
  const sleep = options.sleep ? { sleep: options.sleep } : {};
  if (record.kind === "jira-run") {
    const saved = runRecordSchema.parse(record.payload);
    const runOptions: JiraRunOptions = {
      summary: saved.summary,
      plan: saved.plan,
      retry: saved.retry,
      concurrency: saved.concurrency,
      gateway,
      outbox,
      log,
      ...sleep,
    };
    const now = new Date(saved.plannedAt);
    let found: FoundTickets;
    try {
      found = await lookUpTickets({ ...runOptions, gateway, now });
    } catch (error) {
      return { delivered: false, reason: messageOf(error) };
    }
    const plan = planJiraOperations({
      summary: saved.summary,
      existing: found.existing,
      ...(found.flakyLedger ? { flakyLedger: found.flakyLedger } : {}),
      options: saved.plan,
      now,
    });
    const context = deliveryContextOf(runOptions);
    return redeliver({ operations: plan.operations, context, gateway, record });
  }
  if (record.kind === "jira-operations") {
    const saved = operationsRecordSchema.parse(record.payload);
    const context: DeliveryContext = {
      siteUrl: saved.siteUrl,
      projectKey: saved.projectKey,
      maxAttachmentBytes: saved.maxAttachmentBytes,
      retry: saved.retry,
      concurrency: saved.concurrency,
      outbox,
      log,
      ...sleep,
    };
    let operations: JiraOperation[];
    try {
      operations = await withoutDuplicateCreates(saved.operations, context, gateway);
    } catch (error) {
      return { delivered: false, reason: messageOf(error) };
    }
    return redeliver({ operations, context, gateway, record });
  }
  return { delivered: false, reason: `unknown Jira record kind "${record.kind}"` };
}

interface FoundTickets {
  existing: ExistingTicket[];
  flakyLedger: FlakyLedger | undefined;
}

/**
 * Every open qaops ticket, resolved ones of this run's failures, and the flaky-run counts when
 * they matter. Search is eventually consistent, so a ticket created moments ago may be missing:
 * within a run, the planner's own map covers that.
 */
async function lookUpTickets(
  options: Pick<JiraRunOptions, "retry" | "sleep" | "plan" | "log" | "summary"> & {
    gateway: JiraGateway;
    now: Date;
  },
): Promise<FoundTickets> {
  const { gateway, plan, summary } = options;
  const call = caller(options);
  const seenAt = options.now.toISOString();
  const properties = { properties: [ticketPropertyKey] };
  const open = await call("search open tickets", () =>
    gateway.search(openTicketsJql(plan.projectKey), properties),
  );
  const existing = open.flatMap((issue) => existingTicketOf(issue, seenAt) ?? []);
  const openFingerprints = new Set(existing.map((ticket) => ticket.fingerprint));

  const flakyTests = summary.tests.filter((test) => test.outcome === "flaky");
  const observed = new Set<string>([
    ...summary.tests.filter((test) => test.outcome === "failed").map(failureFingerprint),
    ...flakyTests.map((test) => flakyFingerprint(test.testKey)),
    environmentFingerprint(plan.projectKey),
  ]);
  const lookFor = [...observed].filter((fingerprint) => !openFingerprints.has(fingerprint));
  for (let start = 0; start < lookFor.length; start += fingerprintsPerQuery) {
    const chunk = lookFor.slice(start, start + fingerprintsPerQuery);
    const done = await call("search resolved tickets", () =>
      gateway.search(doneTicketsJql(plan.projectKey, chunk), properties),
    );
    existing.push(...done.flatMap((issue) => existingTicketOf(issue, seenAt) ?? []));
  }

  const needsLedger =
    plan.flakyThreshold > 1 &&
    flakyTests.some((test) => !openFingerprints.has(flakyFingerprint(test.testKey)));
  if (!needsLedger) return { existing, flakyLedger: undefined };
  const raw = await call("read flaky-run counts", () =>
    gateway.readOwnProperty(flakyLedgerPropertyKey(plan.projectKey)),
  );
  const parsed = flakyLedgerSchema.safeParse(raw);
  if (raw !== undefined && !parsed.success) {
    options.log.note("the saved flaky-run counts were unreadable; counting starts again");
  }
  return { existing, flakyLedger: parsed.success ? parsed.data : emptyFlakyLedger() };
}

/** Saved creates are dropped when a ticket for the fingerprint was opened since (by a later run). */
async function withoutDuplicateCreates(
  operations: JiraOperation[],
  context: DeliveryContext,
  gateway: JiraGateway,
): Promise<JiraOperation[]> {
  const creates = operations.flatMap((operation) =>
    operation.op === "create" ? [operation.fingerprint] : [],
  );
  if (creates.length === 0) return operations;
  const call = caller(context);
  const taken = new Set<string>();
  for (let start = 0; start < creates.length; start += fingerprintsPerQuery) {
    const chunk = creates.slice(start, start + fingerprintsPerQuery);
    const jql = openTicketsWithFingerprintsJql(context.projectKey, chunk);
    const found = await call("search tickets created since", () =>
      gateway.search(jql, { properties: [] }),
    );
    for (const issue of found) {
      const ticket = existingTicketOf(issue, new Date().toISOString());
      if (ticket) {
        taken.add(ticket.fingerprint);
        context.log.note(
          `${issue.key} already tracks ${ticket.fingerprint}; not creating it again`,
        );
      }
    }
  }
  return operations.filter(
    (operation) => operation.op !== "create" || !taken.has(operation.fingerprint),
  );
}

function caller(options: { retry: RetryPolicy; sleep?: (ms: number) => Promise<void> }) {
  const throttle = new DeliveryThrottle(options.sleep);
  return <T>(what: string, action: () => Promise<T>): Promise<T> =>
    withRetry(action, {
      what,
      policy: options.retry,
      classify: classifyJiraFailure,
      throttle,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
}

function sender(context: DeliveryContext, gateway: JiraGateway): JiraOperationSender {
  return new JiraOperationSender({
    gateway,
    retry: context.retry,
    concurrency: context.concurrency,
    maxAttachmentBytes: context.maxAttachmentBytes,
    ...(context.sleep ? { sleep: context.sleep } : {}),
  });
}

/** Logs what happened and saves what is left; returns the outbox record's file, if any. */
async function settle(options: {
  report: JiraDeliveryReport;
  context: DeliveryContext;
  attempts: number;
  replacing?: OutboxRecord;
}): Promise<string | undefined> {
  const { report, context } = options;
  const log = context.log;
  for (const note of report.notes) log.note(note);
  const created = report.tickets.filter((ticket) => ticket.created).length;
  const updated = new Set(
    report.tickets.filter((ticket) => !ticket.created).map((ticket) => ticket.key),
  ).size;
  log.note(
    `${created} ticket(s) created, ${updated} updated (${report.delivered} operation(s) delivered)`,
  );
  const outbox = context.outbox;
  if (report.remaining.length === 0) {
    if (options.replacing) await outbox.remove(options.replacing.id);
    return undefined;
  }
  const id = options.replacing?.id ?? outbox.newId("jira");
  const operations = await keepFiles(report.remaining, outbox, id);
  const savedTo = await outbox.write({
    version: 1,
    id,
    createdAt: options.replacing?.createdAt ?? new Date().toISOString(),
    channel: "jira",
    kind: "jira-operations",
    attempts: options.attempts,
    lastError: report.problems[0] ?? "unknown",
    payload: {
      siteUrl: context.siteUrl,
      projectKey: context.projectKey,
      retry: context.retry,
      concurrency: context.concurrency,
      maxAttachmentBytes: context.maxAttachmentBytes,
      operations,
    },
  });
  log.warn(
    `${report.remaining.length} Jira operation(s) not delivered (${report.problems[0] ?? "unknown"}); saved to ${savedTo}: run \`qaops report replay\` to deliver them`,
  );
  for (const operation of report.remaining.slice(0, 5))
    log.note(`  left: ${describeOperation(operation)}`);
  return savedTo;
}

/** The whole run, saved when Jira could not even be searched: a replay plans it afresh. */
async function saveRun(options: JiraRunOptions, now: Date, error: string): Promise<string> {
  const id = options.outbox.newId("jira");
  const tests = [];
  for (const test of options.summary.tests) {
    const attachments = [];
    for (const attachment of test.attachments) {
      if (!options.plan.attachments.includes(attachment.name)) continue;
      attachments.push(
        attachment.path
          ? { ...attachment, path: await keepFile(options.outbox, id, attachment.path) }
          : attachment,
      );
    }
    tests.push({ ...test, attachments });
  }
  return options.outbox.write({
    version: 1,
    id,
    createdAt: now.toISOString(),
    channel: "jira",
    kind: "jira-run",
    attempts: 1,
    lastError: error,
    payload: {
      plannedAt: now.toISOString(),
      plan: options.plan,
      retry: options.retry,
      concurrency: options.concurrency,
      summary: { ...options.summary, tests },
    },
  });
}

/** Files referenced by saved operations are copied next to the record: test output may be cleaned. */
async function keepFiles(
  operations: JiraOperation[],
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

async function writeDryRun(file: string, content: unknown): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(content, null, 2)}\n`);
}

function linkOf(siteUrl: string, ticket: { fingerprint: string; key: string }): TicketLink {
  return {
    fingerprint: ticket.fingerprint,
    key: ticket.key,
    url: `${siteUrl}/browse/${ticket.key}`,
  };
}

function mergeLinks(
  known: TicketLink[],
  report: JiraDeliveryReport,
  siteUrl: string,
): TicketLink[] {
  const links = new Map(known.map((link) => [link.fingerprint, link]));
  for (const ticket of report.tickets) links.set(ticket.fingerprint, linkOf(siteUrl, ticket));
  return [...links.values()];
}

/** A saved record's operations, delivered again; what is still left replaces the record. */
async function redeliver(options: {
  operations: JiraOperation[];
  context: DeliveryContext;
  gateway: JiraGateway;
  record: OutboxRecord;
}): Promise<ReplayVerdict> {
  const { context, record } = options;
  const report = await sender(context, options.gateway).deliver(options.operations);
  const savedTo = await settle({
    report,
    context,
    attempts: record.attempts + 1,
    replacing: record,
  });
  return savedTo
    ? { delivered: false, reason: report.problems[0] ?? "not delivered" }
    : { delivered: true };
}
