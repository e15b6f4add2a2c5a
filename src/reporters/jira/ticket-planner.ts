import type { RunSummary } from "../run-summary/run-summary.ts";
import type { ExistingTicket } from "./existing-tickets.ts";
import type { JiraOperation } from "./jira-operations.ts";
import type { JiraPlanOptions } from "./jira-settings.ts";
import { planAutoResolve } from "./plan/plan-auto-resolve.ts";
import { PlanDraft } from "./plan/plan-draft.ts";
import { planFailures } from "./plan/plan-failures.ts";
import { planFlakyTests } from "./plan/plan-flaky-tests.ts";
import { planMassFailure } from "./plan/plan-mass-failure.ts";
import { runContextOf } from "./plan/run-context.ts";
import { ticketsByFingerprint } from "./plan/ticket-index.ts";
import type { FlakyLedger } from "./ticket-state.ts";

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
  const run = runContextOf(summary, input.now);
  const draft = new PlanDraft({
    tickets: ticketsByFingerprint(input.existing),
    plan: options,
    run,
  });
  const step = { summary, options, run, draft };
  const massFailure = planMassFailure(step);
  if (!massFailure) {
    planFailures(step);
    planFlakyTests({ ...step, flakyLedger: input.flakyLedger });
    planAutoResolve(step);
  }
  const { operations, notes, knownTickets } = draft;
  return { operations, massFailure, notes, knownTickets };
}
