import { shortHash } from "../run-summary/test-key.ts";

/** The fingerprint of a test's flaky-tracking ticket: one per test, whatever its errors. */
export function flakyFingerprint(testKey: string): string {
  return shortHash(`flaky\n${testKey}`);
}

/** The fingerprint of a project's one environment ticket, opened on a mass failure. */
export function environmentFingerprint(projectKey: string): string {
  return shortHash(`environment\n${projectKey}`);
}
