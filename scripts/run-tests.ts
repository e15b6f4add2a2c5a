// The test command: every check and suite in turn, then one line totalling them all
// (`N passed, N failed[, N skipped]`). A static check (format, lint, types, workflows) counts as
// one test; the unit and API runners count their own tests.
import { spawnSync } from "node:child_process";
import { existsSync, globSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { perfTestCounts } from "../src/perf/runner/perf-test-counts.ts";
import { stageCounts, parseNodeTapSummary, parsePlaywrightStats } from "./test-counts.ts";
import type { Counts } from "./test-counts.ts";

const resultsDir = ".qaops/test-results";
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

interface Stage {
  name: string;
  run(): Counts;
}

const unitTestGlobs = [
  "src/**/*.test.ts",
  "tools/**/*.test.ts",
  "scripts/**/*.test.ts",
  "bench/**/*.test.ts",
  "test-support/**/*.test.ts",
];

const stages: Stage[] = [
  check("format", "npx", ["prettier", "--check", "--log-level=warn", "."]),
  check("lint", "npx", ["eslint", "--max-warnings=0", "."]),
  check("types", "npx", ["tsc", "--noEmit"]),
  check("workflows", "actionlint", []),
  // Every installed package's licence: none under AGPL, SSPL or BUSL, none without a licence.
  check("licences", "node", ["scripts/licence-check.ts"]),
  {
    name: "unit",
    run() {
      const files = unitTestGlobs.flatMap((pattern) =>
        globSync(pattern, { exclude: ["node_modules/**"] }),
      );
      if (files.length === 0) return { passed: 0, failed: 0, skipped: 0 };
      const tap = `${resultsDir}/unit.tap`;
      const status = exec("node", [
        "--test",
        "--test-reporter=spec",
        "--test-reporter-destination=stdout",
        "--test-reporter=tap",
        `--test-reporter-destination=${tap}`,
        ...files,
      ]);
      return stageCounts(parseNodeTapSummary(readIfExists(tap)), status);
    },
  },
  {
    // Artillery against a demo platform it starts itself; each objective counts as a test, and so
    // does the generator keeping the planned arrivals.
    name: "perf smoke",
    run() {
      const resultsRoot = `${resultsDir}/perf`;
      const status = exec("node", ["bin/qaops.js", "perf", "smoke", "--out", resultsRoot]);
      return stageCounts(perfTestCounts(resultsRoot, "smoke"), status);
    },
  },
  {
    name: "api",
    run() {
      const report = `${resultsDir}/api.json`;
      const status = exec("npx", ["playwright", "test", "--reporter=list,json"], {
        PLAYWRIGHT_JSON_OUTPUT_FILE: report,
      });
      return stageCounts(parsePlaywrightStats(readIfExists(report)), status);
    },
  },
];

const total: Counts = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];
for (const stage of stages) {
  console.log(`\n━━ ${stage.name} ━━`);
  const started = performance.now();
  const counts = stage.run();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  lines.push(`${stage.name.padEnd(22)} ${formatCounts(counts)} (${seconds}s)`);
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
}

console.log(`\n━━ summary ━━\n${lines.join("\n")}\n`);
console.log(formatCounts(total));
process.exitCode = total.failed > 0 ? 1 : 0;

function check(name: string, command: string, args: string[]): Stage {
  return {
    name,
    run: () =>
      exec(command, args) === 0
        ? { passed: 1, failed: 0, skipped: 0 }
        : { passed: 0, failed: 1, skipped: 0 },
  };
}

function exec(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (result.error) console.error(`error: could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function readIfExists(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}

function formatCounts(counts: Counts): string {
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped` : "";
  return `${counts.passed} passed, ${counts.failed} failed${skipped}`;
}
