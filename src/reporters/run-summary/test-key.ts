import { createHash } from "node:crypto";

/**
 * A test's identity across runs: project, file and title path. Playwright's `TestCase.id` is not
 * used because it changes when `merge-reports` combines shards.
 */
export function testKeyOf(test: {
  project: string;
  file: string;
  titlePath: readonly string[];
}): string {
  return shortHash([test.project, test.file, ...test.titlePath].join("\u0000"));
}

/** 16 hex digits of SHA-256: short enough for a Jira label, long enough never to collide here. */
export function shortHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}
