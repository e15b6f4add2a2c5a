import type { WarningCode, WarningNote } from "../model/conversion-warning.ts";

/**
 * Something observed that a test does not assert as observed, and why. Its message is the TODO
 * in the test and (unless summarised across requests) the warning; its code is how the planner
 * tells notes apart, never by their text.
 */
export interface PlanNote extends WarningNote {
  code: PlanNoteCode;
}

/** What the response planner notes (each code is described in model/conversion-warning.ts). */
export type PlanNoteCode = Extract<
  WarningCode,
  "no-response" | "statuses-differ" | "body-not-json" | "null-only-fields" | "replay-status-differs"
>;
