import { failureFingerprint } from "../../run-summary/fingerprint.ts";
import { failureDescription, failureSummary } from "../ticket-content.ts";
import type { PlanStep } from "./plan-draft.ts";
import { createTestTicket } from "./test-ticket.ts";

/** A ticket per new failure; a failure seen before recurs on its ticket, or reopens it. */
export function planFailures(step: PlanStep): void {
  const { summary, options, run, draft } = step;
  for (const test of summary.tests.filter((candidate) => candidate.outcome === "failed")) {
    const fingerprint = failureFingerprint(test);
    draft.observe({
      fingerprint,
      test,
      create: () =>
        createTestTicket({
          kind: "failure",
          fingerprint,
          test,
          issueType: options.issueType,
          summary: failureSummary(test),
          description: failureDescription(test, run),
          occurrences: 1,
          mark: run.mark,
          plan: options,
        }),
    });
  }
}
