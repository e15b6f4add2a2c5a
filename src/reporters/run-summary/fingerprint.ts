import { normaliseError } from "./normalise-error.ts";
import type { TestRecord } from "./run-summary.ts";
import { shortHash } from "./test-key.ts";

/**
 * Identifies one failure across runs and shards: the test (project, file, title path) plus its
 * normalised error. The same test failing for a different reason gets a different fingerprint.
 */
export function failureFingerprint(
  test: Pick<TestRecord, "project" | "file" | "titlePath" | "error">,
): string {
  return shortHash(
    [
      test.project,
      test.file,
      test.titlePath.join(" › "),
      normaliseError(test.error?.message ?? "(no error message)"),
    ].join("\n"),
  );
}
