/**
 * Something observed that a test does not assert as observed, and why. Its message is the TODO
 * in the test and (unless summarised across requests) the warning; its code is how the planner
 * tells notes apart, never by their text.
 */
export interface PlanNote {
  code: PlanNoteCode;
  message: string;
}

export type PlanNoteCode =
  /** No response was captured: the test asserts a 2xx status only. */
  | "no-response"
  /** Identical requests got different statuses. */
  | "statuses-differ"
  /** A response body that is not JSON: only the status is asserted. */
  | "body-not-json"
  /** Response fields seen only as null: their schema accepts any value. */
  | "null-only-fields"
  /** A replay of the capture got another status than the captured one. */
  | "replay-status-differs";
