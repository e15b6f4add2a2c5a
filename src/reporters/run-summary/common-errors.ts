import { firstLine, normaliseError } from "./normalise-error.ts";
import type { TestRecord } from "./run-summary.ts";

/** Failures that share a normalised first error line. */
export interface CommonError {
  error: string;
  count: number;
  /** The first failure with this error. */
  example: TestRecord;
}

/**
 * Failures grouped by their normalised first error line, the most frequent first (ties in the
 * order first seen): with many failures one cause usually dominates, such as a service down.
 */
export function commonErrors(failed: readonly TestRecord[]): CommonError[] {
  const groups = Map.groupBy(failed, (test) =>
    firstLine(normaliseError(test.error?.message ?? "failed")),
  );
  return [...groups]
    .flatMap(([error, [example, ...rest]]) =>
      example ? [{ error, count: rest.length + 1, example }] : [],
    )
    .sort((a, b) => b.count - a.count);
}
