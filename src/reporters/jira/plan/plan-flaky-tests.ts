import type { TestRecord } from "../../run-summary/run-summary.ts";
import { flakyDescription, flakySummary } from "../ticket-content.ts";
import { flakyFingerprint } from "../ticket-fingerprints.ts";
import { emptyFlakyLedger, flakyLedgerCapacity } from "../ticket-state.ts";
import type { FlakyLedger } from "../ticket-state.ts";
import type { PlanStep } from "./plan-draft.ts";
import { createTestTicket } from "./test-ticket.ts";

/**
 * Flaky tests open no bug: their flaky runs are counted in the ledger, and from `flakyThreshold`
 * runs on they get a ticket of the flaky issue type. A test that has one recurs on it.
 */
export function planFlakyTests(step: PlanStep & { flakyLedger: FlakyLedger | undefined }): void {
  const { summary, options, draft } = step;
  if (options.flakyThreshold <= 0) return;
  const ledger: FlakyLedger = structuredClone(step.flakyLedger ?? emptyFlakyLedger());
  let ledgerChanged = false;
  for (const test of summary.tests.filter((candidate) => candidate.outcome === "flaky")) {
    const fingerprint = flakyFingerprint(test.testKey);
    if (draft.tickets.has(fingerprint)) {
      draft.observe({ fingerprint, test });
    } else if (draft.handle(fingerprint)) {
      ledgerChanged = countFlakyRun(step, ledger, test) || ledgerChanged;
    }
  }
  if (ledgerChanged) {
    draft.operations.push({
      op: "set-flaky-ledger",
      projectKey: options.projectKey,
      ledger: trimLedger(ledger),
    });
  }
}

/** Counts one more flaky run; at the threshold, opens the ticket instead. Returns whether the ledger changed. */
function countFlakyRun(step: PlanStep, ledger: FlakyLedger, test: TestRecord): boolean {
  const { options, run, draft } = step;
  const counted = ledger.tests[test.testKey];
  const flakyRuns = (counted?.n ?? 0) + 1;
  if (flakyRuns < options.flakyThreshold) {
    ledger.tests[test.testKey] = { n: flakyRuns, last: run.mark.at };
    return true;
  }
  if (counted) delete ledger.tests[test.testKey];
  draft.operations.push(
    createTestTicket({
      kind: "flaky",
      fingerprint: flakyFingerprint(test.testKey),
      test,
      issueType: options.flakyIssueType,
      summary: flakySummary(test),
      description: flakyDescription(test, run, flakyRuns),
      occurrences: flakyRuns,
      mark: run.mark,
      plan: options,
    }),
  );
  return counted !== undefined;
}

/** The ledger keeps the tests seen flaky most recently, within one Jira property's size. */
function trimLedger(ledger: FlakyLedger): FlakyLedger {
  const entries = Object.entries(ledger.tests);
  if (entries.length <= flakyLedgerCapacity) return ledger;
  entries.sort((a, b) => b[1].last.localeCompare(a[1].last));
  return { v: 1, tests: Object.fromEntries(entries.slice(0, flakyLedgerCapacity)) };
}
