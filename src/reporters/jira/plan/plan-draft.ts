import type { RunSummary, TestRecord } from "../../run-summary/run-summary.ts";
import type { ExistingTicket } from "../existing-tickets.ts";
import type { JiraOperation } from "../jira-operations.ts";
import type { JiraPlanOptions } from "../jira-settings.ts";
import { recurrenceComment, regressionComment } from "../ticket-content.ts";
import type { RunContext } from "../ticket-content.ts";
import { seenAgain } from "./ticket-state-changes.ts";

/** What a failure or flaky test observed in this run asks of Jira. */
export interface Observation {
  fingerprint: string;
  test?: TestRecord;
  /** Absent: only an existing ticket is updated. */
  create?: () => JiraOperation;
}

/**
 * The plan as its steps build it: the operations so far, and the in-run map of fingerprints
 * already handled, so each is handled once per run whatever the search could see yet.
 */
export class PlanDraft {
  readonly operations: JiraOperation[] = [];
  readonly notes: string[] = [];
  /** Tickets that already exist for failures of this run, for links elsewhere (Slack). */
  readonly knownTickets: { fingerprint: string; key: string }[] = [];
  readonly tickets: ReadonlyMap<string, ExistingTicket>;
  readonly #handled = new Set<string>();
  readonly #options: JiraPlanOptions;
  readonly #run: RunContext;

  constructor(options: {
    tickets: ReadonlyMap<string, ExistingTicket>;
    plan: JiraPlanOptions;
    run: RunContext;
  }) {
    this.tickets = options.tickets;
    this.#options = options.plan;
    this.#run = options.run;
  }

  handled(fingerprint: string): boolean {
    return this.#handled.has(fingerprint);
  }

  /** Marks a fingerprint handled; false when it already was. */
  handle(fingerprint: string): boolean {
    if (this.#handled.has(fingerprint)) return false;
    this.#handled.add(fingerprint);
    return true;
  }

  /** A new ticket when there is none; else a recurrence, or a reopening when it was resolved. */
  observe(observation: Observation): void {
    const { fingerprint, test } = observation;
    if (!this.handle(fingerprint)) return;
    const ticket = this.tickets.get(fingerprint);
    if (!ticket) {
      if (observation.create) this.operations.push(observation.create());
      return;
    }
    this.knownTickets.push({ fingerprint, key: ticket.key });
    const state = seenAgain(ticket.state, this.#run.mark);
    const { reopenTransition } = this.#options;
    this.operations.push(
      ticket.done
        ? {
            op: "transition",
            key: ticket.key,
            fingerprint,
            to: "reopen",
            ...(reopenTransition ? { transitionName: reopenTransition } : {}),
            state,
            comment: regressionComment(test, this.#run),
          }
        : { op: "recur", key: ticket.key, fingerprint, state, comment: recurrenceComment(state) },
    );
  }
}

/** What every step of the planner reads, and the draft it adds to. */
export interface PlanStep {
  summary: RunSummary;
  options: JiraPlanOptions;
  run: RunContext;
  draft: PlanDraft;
}
