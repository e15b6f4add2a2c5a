export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** The totals at the end of node:test's TAP output (`# pass 3`, `# fail 0`, …). */
export function parseNodeTapSummary(tap: string): Counts | undefined {
  const read = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, "m").exec(tap)?.[1] ?? NaN);
  const passed = read("pass");
  if (Number.isNaN(passed)) return undefined;
  return {
    passed,
    failed: read("fail") + (read("cancelled") || 0),
    skipped: (read("skipped") || 0) + (read("todo") || 0),
  };
}

/** The `stats` block of Playwright's JSON report; a flaky test passed on retry. */
export function parsePlaywrightStats(json: string): Counts | undefined {
  if (!json) return undefined;
  const { stats } = JSON.parse(json) as {
    stats?: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  if (!stats) return undefined;
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

/**
 * A runner that exited non-zero without reporting a failure (it crashed, or found a config
 * error) still counts one failure, so a broken stage can never read as green.
 */
export function stageCounts(counts: Counts | undefined, exitStatus: number): Counts {
  const reported = counts ?? { passed: 0, failed: 0, skipped: 0 };
  if (exitStatus !== 0 && reported.failed === 0)
    return { ...reported, failed: reported.failed + 1 };
  return reported;
}
