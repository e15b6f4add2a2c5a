/** Warnings as `[code, message]` pairs, so a test shows each code beside the words it goes with. */
import type { WarningCode, WarningNote } from "../model/conversion-warning.ts";

export function codedWarnings(
  warnings: readonly WarningNote[] | undefined,
): [WarningCode, string][] {
  return (warnings ?? []).map((warning) => [warning.code, warning.message]);
}
