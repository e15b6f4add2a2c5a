// Used by `playwright merge-reports` in CI: the reporters that must run once on the merged
// result of all shards rather than once per shard.
export default {
  testDir: "tests/api",
  reporter: [
    ["html", { open: "never" }],
    ["./src/reporters/jira.ts"],
    ["./src/reporters/slack.ts"],
  ],
};
