// CLI start-up: `qaops --help` and each command's `--help` (what every run pays before any
// work), beside a bare `node -e 0` as the floor, run in turn so the machine's load touches
// all alike; with the file modules each one loads.
//   node bench/cli-startup.bench.ts [--runs 9]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { median } from "./lib/median.ts";

const { values } = parseArgs({ options: { runs: { type: "string", default: "9" } } });
const runs = Number(values.runs);

const qaops = fileURLToPath(new URL("../bin/qaops.js", import.meta.url));
const moduleLister = new URL("../test-support/loaded-modules.ts", import.meta.url).href;

const cases: { name: string; args: string[] }[] = [
  { name: "node -e 0 (floor)", args: ["-e", "0"] },
  { name: "qaops --help", args: [qaops, "--help"] },
  ...["demo", "convert", "perf", "record", "report"].map((command) => ({
    name: `qaops ${command} --help`,
    args: [qaops, command, "--help"],
  })),
];

/** Wall time of one run, in milliseconds. */
function timeRun(args: string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: "ignore" });
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}`);
  return performance.now() - start;
}

/** File modules one run loads (ours and node_modules'). */
function modulesLoaded(args: string[]): number {
  const dir = mkdtempSync(join(tmpdir(), "qaops-bench-modules-"));
  try {
    const listFile = join(dir, "loaded.txt");
    spawnSync(process.execPath, [`--import=${moduleLister}`, ...args], {
      stdio: "ignore",
      env: { ...process.env, LOADED_MODULES_FILE: listFile },
    });
    return readFileSync(listFile, "utf8").split("\n").filter(Boolean).length;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const times = cases.map(() => [] as number[]);
for (let run = 0; run < runs; run += 1) {
  for (const [index, { args }] of cases.entries()) times[index]!.push(timeRun(args));
}
const rows = cases.map(({ name, args }, index) => ({
  name,
  medianMs: Math.round(median(times[index]!)),
  modules: modulesLoaded(args),
}));
const floorMs = rows[0]!.medianMs;

console.log(`CLI start-up, median of ${runs} runs each (wall ms; above the floor; modules)`);
for (const row of rows) {
  console.log(
    `  ${row.name.padEnd(24)} ${String(row.medianMs).padStart(5)} ms  +${String(row.medianMs - floorMs).padStart(4)} ms  ${row.modules} modules`,
  );
}
console.log(JSON.stringify({ bench: "cli-startup", runs, floorMs, rows }));
