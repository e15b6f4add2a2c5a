import path from "node:path";
import { failureFingerprint } from "../run-summary/fingerprint.ts";
import type { RunSummary, TestOutcome, TestRecord } from "../run-summary/run-summary.ts";
import { shortHash } from "../run-summary/test-key.ts";
import type { ExistingTicket } from "./existing-tickets.ts";
import type { JiraPlanOptions } from "./jira-settings.ts";
import type { AttachmentSpec, JiraOperation, TicketFields } from "./jira-operations.ts";
import { routeOwner } from "./owner-routing.ts";
import {
  environmentDescription,
  environmentSummary,
  failureDescription,
  failureSummary,
  flakyDescription,
  flakySummary,
  recurrenceComment,
  regressionComment,
  resolvedComment,
} from "./ticket-content.ts";
import type { RunContext } from "./ticket-content.ts";
import {
  emptyFlakyLedger,
  flakyLedgerCapacity,
  labels,
  recentRunsKept,
  sanitiseLabel,
} from "./ticket-state.ts";
import type { FlakyLedger, RunMark, TicketKind, TicketState } from "./ticket-state.ts";

export interface PlanInput {
  summary: RunSummary;
  /** qaops tickets found by the search: every open one, and resolved ones of today's failures. */
  existing: readonly ExistingTicket[];
  /** Flaky-run counts of tests without a flaky ticket; undefined counts as empty. */
  flakyLedger?: FlakyLedger;
  options: JiraPlanOptions;
  now: Date;
}

export interface JiraPlan {
  operations: JiraOperation[];
  /** True when the run tripped the mass-failure breaker. */
  massFailure: boolean;
  notes: string[];
  /** Tickets that already exist for failures of this run, for links elsewhere (Slack). */
  knownTickets: { fingerprint: string; key: string }[];
}

export function flakyFingerprint(testKey: string): string {
  return shortHash(`flaky\n${testKey}`);
}

export function environmentFingerprint(projectKey: string): string {
  return shortHash(`environment\n${projectKey}`);
}

/**
 * Decides, from one run and the tickets that exist, what to do in Jira. Pure: no I/O, the same
 * input gives the same operations. The lifecycle:
 * - a new failure opens a ticket; seen again, its one recurrence comment is updated; seen after
 *   the ticket was resolved, the ticket is reopened;
 * - a test that passes `autoResolveAfter` runs in a row gets its open tickets resolved;
 * - flaky tests open no bug: their flaky runs are counted, and from `flakyThreshold` runs on they
 *   get a ticket of the flaky issue type;
 * - from `massFailureThreshold` failing tests, one environment ticket replaces them all.
 */
export function planJiraOperations(input: PlanInput): JiraPlan {
  const { summary, options } = input;
  const at = input.now.toISOString();
  const mark: RunMark = {
    at,
    ...(summary.ci.runUrl ? { runUrl: summary.ci.runUrl } : {}),
    ...(summary.ci.commit ? { commit: summary.ci.commit } : {}),
  };
  const run: RunContext = {
    mark,
    ...(summary.ci.branch ? { branch: summary.ci.branch } : {}),
    ...(summary.environment ? { environment: summary.environment } : {}),
    ...(summary.reportUrl ? { reportUrl: summary.reportUrl } : {}),
  };

  const byFingerprint = new Map<string, ExistingTicket>();
  for (const ticket of input.existing) {
    const known = byFingerprint.get(ticket.fingerprint);
    if (!known || (known.done && !ticket.done)) byFingerprint.set(ticket.fingerprint, ticket);
  }

  const operations: JiraOperation[] = [];
  const notes: string[] = [];
  const knownTickets: JiraPlan["knownTickets"] = [];
  // The in-run map: a fingerprint is handled once per run, whatever the search could see yet.
  const handled = new Set<string>();

  const observe = (observation: {
    fingerprint: string;
    test?: TestRecord;
    /** Absent: only an existing ticket is updated. */
    create?: () => JiraOperation;
  }): void => {
    const { fingerprint, test } = observation;
    if (handled.has(fingerprint)) return;
    handled.add(fingerprint);
    const ticket = byFingerprint.get(fingerprint);
    if (!ticket) {
      if (observation.create) operations.push(observation.create());
      return;
    }
    knownTickets.push({ fingerprint, key: ticket.key });
    const state = seenAgain(ticket.state, mark);
    operations.push(
      ticket.done
        ? {
            op: "transition",
            key: ticket.key,
            fingerprint,
            to: "reopen",
            ...(options.reopenTransition ? { transitionName: options.reopenTransition } : {}),
            state,
            comment: regressionComment(test, run),
          }
        : {
            op: "recur",
            key: ticket.key,
            fingerprint,
            state,
            comment: recurrenceComment(state),
          },
    );
  };

  const failed = summary.tests.filter((test) => test.outcome === "failed");
  const failingTests = new Set(failed.map((test) => test.testKey)).size;
  const massFailure =
    options.massFailureThreshold > 0 && failingTests >= options.massFailureThreshold;

  if (massFailure) {
    const fingerprint = environmentFingerprint(options.projectKey);
    notes.push(
      `${failingTests} tests failed (mass-failure threshold ${options.massFailureThreshold}): one environment ticket instead of one per test`,
    );
    observe({
      fingerprint,
      create: () => ({
        op: "create",
        fingerprint,
        kind: "environment",
        fields: {
          projectKey: options.projectKey,
          issueType: options.environmentIssueType,
          summary: environmentSummary(summary),
          description: environmentDescription(summary, run),
          labels: ticketLabels({ fingerprint, kind: "environment", plan: options }),
          components: [],
        },
        state: newState({ kind: "environment", fingerprint, mark, occurrences: 1 }),
        attachments: [],
      }),
    });
    return { operations, massFailure, notes, knownTickets };
  }

  for (const test of failed) {
    const fingerprint = failureFingerprint(test);
    observe({
      fingerprint,
      test,
      create: () => ({
        op: "create",
        fingerprint,
        kind: "failure",
        fields: ticketFields({
          test,
          issueType: options.issueType,
          summary: failureSummary(test),
          description: failureDescription(test, run),
          labels: ticketLabels({
            fingerprint,
            kind: "failure",
            testKey: test.testKey,
            plan: options,
          }),
          plan: options,
        }),
        state: newState({
          kind: "failure",
          fingerprint,
          testKey: test.testKey,
          mark,
          occurrences: 1,
        }),
        attachments: attachmentsOf(test, options),
      }),
    });
  }

  if (options.flakyThreshold > 0) {
    const ledger: FlakyLedger = structuredClone(input.flakyLedger ?? emptyFlakyLedger());
    let ledgerChanged = false;
    for (const test of summary.tests.filter((candidate) => candidate.outcome === "flaky")) {
      const fingerprint = flakyFingerprint(test.testKey);
      if (handled.has(fingerprint)) continue;
      if (byFingerprint.has(fingerprint)) {
        observe({ fingerprint, test });
        continue;
      }
      handled.add(fingerprint);
      const counted = ledger.tests[test.testKey];
      const flakyRuns = (counted?.n ?? 0) + 1;
      if (flakyRuns < options.flakyThreshold) {
        ledger.tests[test.testKey] = { n: flakyRuns, last: at };
        ledgerChanged = true;
        continue;
      }
      if (counted) {
        delete ledger.tests[test.testKey];
        ledgerChanged = true;
      }
      operations.push({
        op: "create",
        fingerprint,
        kind: "flaky",
        fields: ticketFields({
          test,
          issueType: options.flakyIssueType,
          summary: flakySummary(test),
          description: flakyDescription(test, run, flakyRuns),
          labels: ticketLabels({
            fingerprint,
            kind: "flaky",
            testKey: test.testKey,
            plan: options,
          }),
          plan: options,
        }),
        state: newState({
          kind: "flaky",
          fingerprint,
          testKey: test.testKey,
          mark,
          occurrences: flakyRuns,
        }),
        attachments: attachmentsOf(test, options),
      });
    }
    if (ledgerChanged) {
      operations.push({
        op: "set-flaky-ledger",
        projectKey: options.projectKey,
        ledger: trimLedger(ledger),
      });
    }
  }

  if (options.autoResolveAfter > 0) {
    const outcomes = outcomesByTest(summary.tests);
    for (const ticket of byFingerprint.values()) {
      if (ticket.done || handled.has(ticket.fingerprint)) continue;
      const verdict = passVerdict(ticket, outcomes, summary);
      if (verdict === "passed") {
        const passStreak = ticket.state.passStreak + 1;
        const state: TicketState = { ...ticket.state, passStreak };
        operations.push(
          passStreak >= options.autoResolveAfter
            ? {
                op: "transition",
                key: ticket.key,
                fingerprint: ticket.fingerprint,
                to: "done",
                ...(options.doneTransition ? { transitionName: options.doneTransition } : {}),
                state,
                comment: resolvedComment(passStreak, run),
              }
            : { op: "set-state", key: ticket.key, fingerprint: ticket.fingerprint, state },
        );
      } else if (verdict === "failed" && ticket.state.passStreak > 0) {
        operations.push({
          op: "set-state",
          key: ticket.key,
          fingerprint: ticket.fingerprint,
          state: { ...ticket.state, passStreak: 0 },
        });
      }
    }
  }

  return { operations, massFailure, notes, knownTickets };
}

/**
 * Whether this run counts towards resolving a ticket: its test passed cleanly (`passed`), failed
 * some other way (`failed`, which breaks the streak), or neither (not run, skipped, flaky).
 */
function passVerdict(
  ticket: ExistingTicket,
  outcomes: Map<string, Set<TestOutcome>>,
  summary: RunSummary,
): "passed" | "failed" | "neutral" {
  if (ticket.state.kind === "environment") {
    return summary.counts.passed > 0 ? "passed" : "neutral";
  }
  const seen = ticket.state.testKey ? outcomes.get(ticket.state.testKey) : undefined;
  if (!seen) return "neutral";
  if (seen.has("failed")) return "failed";
  return seen.size === 1 && seen.has("passed") ? "passed" : "neutral";
}

function outcomesByTest(tests: readonly TestRecord[]): Map<string, Set<TestOutcome>> {
  const outcomes = new Map<string, Set<TestOutcome>>();
  for (const test of tests) {
    const set = outcomes.get(test.testKey) ?? new Set<TestOutcome>();
    set.add(test.outcome);
    outcomes.set(test.testKey, set);
  }
  return outcomes;
}

function seenAgain(state: TicketState, mark: RunMark): TicketState {
  return {
    ...state,
    occurrences: state.occurrences + 1,
    lastSeen: mark.at,
    passStreak: 0,
    recent: [mark, ...state.recent].slice(0, recentRunsKept),
  };
}

function newState(options: {
  kind: TicketKind;
  fingerprint: string;
  testKey?: string;
  mark: RunMark;
  occurrences: number;
}): TicketState {
  return {
    v: 1,
    kind: options.kind,
    fingerprint: options.fingerprint,
    ...(options.testKey ? { testKey: options.testKey } : {}),
    occurrences: options.occurrences,
    firstSeen: options.mark.at,
    lastSeen: options.mark.at,
    passStreak: 0,
    recent: [options.mark],
  };
}

function ticketLabels(input: {
  fingerprint: string;
  kind: TicketKind;
  testKey?: string;
  plan: JiraPlanOptions;
}): string[] {
  const kindLabel =
    input.kind === "flaky"
      ? [labels.flaky]
      : input.kind === "environment"
        ? [labels.environment]
        : [];
  return [
    ...new Set(
      [
        labels.all,
        labels.fingerprint(input.fingerprint),
        ...(input.testKey ? [labels.test(input.testKey)] : []),
        ...kindLabel,
        ...input.plan.labels,
      ].map(sanitiseLabel),
    ),
  ];
}

function ticketFields(input: {
  test: TestRecord;
  issueType: string;
  summary: string;
  description: TicketFields["description"];
  labels: string[];
  plan: JiraPlanOptions;
}): TicketFields {
  const owner = routeOwner(input.test, input.plan.owners);
  return {
    projectKey: input.plan.projectKey,
    issueType: input.issueType,
    summary: input.summary,
    description: input.description,
    labels: [...new Set([...input.labels, ...owner.labels.map(sanitiseLabel)])],
    components: owner.components,
    ...(owner.assignee ? { assignee: owner.assignee } : {}),
  };
}

/** The attachments named in the options, text capped; files are size-checked when sent. */
function attachmentsOf(test: TestRecord, options: JiraPlanOptions): AttachmentSpec[] {
  const specs: AttachmentSpec[] = [];
  for (const attachment of test.attachments) {
    if (!options.attachments.includes(attachment.name)) continue;
    if (attachment.text !== undefined) {
      const text =
        attachment.text.length > options.maxAttachmentBytes
          ? `${attachment.text.slice(0, options.maxAttachmentBytes)}\n… cut at ${options.maxAttachmentBytes} characters`
          : attachment.text;
      specs.push({
        filename: path.extname(attachment.name) ? attachment.name : `${attachment.name}.txt`,
        contentType: attachment.contentType,
        text,
      });
    } else if (attachment.path) {
      // Named after the attachment, not the file: merge-reports renames files to hashes.
      specs.push({
        filename: path.extname(attachment.name)
          ? attachment.name
          : `${attachment.name}${path.extname(attachment.path)}`,
        contentType: attachment.contentType,
        path: attachment.path,
      });
    }
  }
  return specs;
}

function trimLedger(ledger: FlakyLedger): FlakyLedger {
  const entries = Object.entries(ledger.tests);
  if (entries.length <= flakyLedgerCapacity) return ledger;
  entries.sort((a, b) => b[1].last.localeCompare(a[1].last));
  return { v: 1, tests: Object.fromEntries(entries.slice(0, flakyLedgerCapacity)) };
}
