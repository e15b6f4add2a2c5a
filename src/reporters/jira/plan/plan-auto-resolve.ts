import type { RunSummary, TestOutcome, TestRecord } from "../../run-summary/run-summary.ts";
import type { ExistingTicket } from "../existing-tickets.ts";
import type { JiraOperation } from "../jira-operations.ts";
import { resolvedComment } from "../ticket-content.ts";
import type { PlanStep } from "./plan-draft.ts";

/**
 * A test that passes `autoResolveAfter` runs in a row gets its open tickets resolved; each clean
 * pass before that adds to the ticket's streak, and a failure some other way breaks it.
 */
export function planAutoResolve(step: PlanStep): void {
  const { summary, options, draft } = step;
  if (options.autoResolveAfter <= 0) return;
  const outcomes = outcomesByTest(summary.tests);
  for (const ticket of draft.tickets.values()) {
    if (ticket.done || draft.handled(ticket.fingerprint)) continue;
    const verdict = passVerdict(ticket, outcomes, summary);
    if (verdict === "passed") {
      draft.operations.push(passedAgain(ticket, step));
    } else if (verdict === "failed" && ticket.state.passStreak > 0) {
      draft.operations.push({
        op: "set-state",
        key: ticket.key,
        fingerprint: ticket.fingerprint,
        state: { ...ticket.state, passStreak: 0 },
      });
    }
  }
}

/** One more clean pass: the ticket is resolved once the streak is long enough. */
function passedAgain(ticket: ExistingTicket, step: PlanStep): JiraOperation {
  const { options, run } = step;
  const passStreak = ticket.state.passStreak + 1;
  const state = { ...ticket.state, passStreak };
  if (passStreak < options.autoResolveAfter) {
    return { op: "set-state", key: ticket.key, fingerprint: ticket.fingerprint, state };
  }
  return {
    op: "transition",
    key: ticket.key,
    fingerprint: ticket.fingerprint,
    to: "done",
    ...(options.doneTransition ? { transitionName: options.doneTransition } : {}),
    state,
    comment: resolvedComment(passStreak, run),
  };
}

/**
 * Whether this run counts towards resolving a ticket: its test passed cleanly (`passed`), failed
 * some other way (`failed`, which breaks the streak), or neither (not run, skipped, flaky).
 */
function passVerdict(
  ticket: ExistingTicket,
  outcomes: ReadonlyMap<string, ReadonlySet<TestOutcome>>,
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

/** Every outcome a test had in this run (a test runs once per project and repeat). */
function outcomesByTest(tests: readonly TestRecord[]): Map<string, Set<TestOutcome>> {
  const groups = Map.groupBy(tests, (test) => test.testKey);
  return new Map(
    [...groups].map(([testKey, group]) => [testKey, new Set(group.map((test) => test.outcome))]),
  );
}
