import type { RunSummary } from "../../run-summary/run-summary.ts";
import type { RunContext } from "../ticket-content.ts";

/** Where and when the run happened, as tickets and their saved state record it. */
export function runContextOf(summary: RunSummary, now: Date): RunContext {
  const { ci } = summary;
  return {
    mark: {
      at: now.toISOString(),
      ...(ci.runUrl ? { runUrl: ci.runUrl } : {}),
      ...(ci.commit ? { commit: ci.commit } : {}),
    },
    ...(ci.branch ? { branch: ci.branch } : {}),
    ...(summary.environment ? { environment: summary.environment } : {}),
    ...(summary.reportUrl ? { reportUrl: summary.reportUrl } : {}),
  };
}
