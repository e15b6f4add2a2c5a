/** Warnings as a test reads them: `[code, message]` pairs, or the messages alone. */
import type { WarningCode, WarningNote } from "../model/conversion-warning.ts";

export function codedWarnings(
  warnings: readonly WarningNote[] | undefined,
): [WarningCode, string][] {
  return (warnings ?? []).map((warning) => [warning.code, warning.message]);
}

export function warningMessages(warnings: readonly WarningNote[] | undefined): string[] {
  return (warnings ?? []).map((warning) => warning.message);
}
