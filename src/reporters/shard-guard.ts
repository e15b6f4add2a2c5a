import type { FullConfig } from "@playwright/test/reporter";

/**
 * Whether this is one shard of a sharded run. Reporters that talk to Jira or Slack run once, on
 * the merged result (`playwright merge-reports` reports no shard), not once per shard.
 */
export function isShardRun(config: FullConfig): boolean {
  return config.shard !== null && config.shard.total > 1;
}
