import { environmentDescription, environmentSummary } from "../ticket-content.ts";
import { environmentFingerprint } from "../ticket-fingerprints.ts";
import type { PlanStep } from "./plan-draft.ts";
import { ticketLabels } from "./ticket-fields.ts";
import { newState } from "./ticket-state-changes.ts";

/**
 * From `massFailureThreshold` failing tests on, the target is down rather than the tests wrong:
 * one environment ticket stands for them all. Returns whether the run is one of those.
 */
export function planMassFailure(step: PlanStep): boolean {
  const { summary, options, run, draft } = step;
  const failingTests = new Set(
    summary.tests.filter((test) => test.outcome === "failed").map((test) => test.testKey),
  ).size;
  if (options.massFailureThreshold <= 0 || failingTests < options.massFailureThreshold) {
    return false;
  }
  const fingerprint = environmentFingerprint(options.projectKey);
  draft.notes.push(
    `${failingTests} tests failed (mass-failure threshold ${options.massFailureThreshold}): one environment ticket instead of one per test`,
  );
  draft.observe({
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
      state: newState({ kind: "environment", fingerprint, mark: run.mark, occurrences: 1 }),
      attachments: [],
    }),
  });
  return true;
}
