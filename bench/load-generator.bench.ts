// The highest arrival rate the load engine (Artillery, one local worker per core but one) holds
// on this machine, beside autocannon in the same run as the floor: how many requests a second a
// Node HTTP client sends here at all, as fast as it can. Both target a loopback server in its
// own process that answers at once, so the figures are the generators', not a service's.
//   node bench/load-generator.bench.ts [--rates 250,500,1000,1500,2000] [--seconds 10]
import { execFile, fork } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { localWorkerCount } from "../src/perf/runner/artillery-process.ts";
import { runPerfQuietly } from "../test-support/perf/quiet-perf-run.ts";

const { values } = parseArgs({
  options: {
    rates: { type: "string", default: "250,500,1000,1500,2000" },
    seconds: { type: "string", default: "10" },
  },
});
const rates = values.rates.split(",").map(Number);
const seconds = Number(values.seconds);
const workDir = mkdtempSync(join(tmpdir(), "qaops-generator-bench-"));
const server = fork(fileURLToPath(new URL("./lib/ping-server.ts", import.meta.url)), {
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
const [{ port }] = (await once(server, "message")) as [{ port: number }];
const target = `http://127.0.0.1:${port}`;

try {
  const floor = await autocannonRate();
  console.log(
    `autocannon (floor): ${Math.round(floor)} req/s, 50 connections, ${seconds} s, as fast as it can`,
  );
  console.log(`Artillery: ${localWorkerCount()} local worker(s); each rate held for ${seconds} s`);
  let highestHeld: number | undefined;
  for (const rate of rates) {
    const outcome = await artilleryAt(rate);
    console.log(
      `  ${String(rate).padStart(5)}/s planned: sent ${outcome.sentRate.toFixed(0)}/s in time` +
        ` (short ${(outcome.shortfall * 100).toFixed(1)}%), p95 ${outcome.p95} ms,` +
        ` ${outcome.failed} failed → ${outcome.held ? "held" : "not held"}`,
    );
    if (!outcome.held) break;
    highestHeld = rate;
  }
  console.log(
    `highest rate Artillery held: ${highestHeld === undefined ? "none" : `${highestHeld}/s`}` +
      ` (${highestHeld === undefined ? "–" : Math.round((100 * highestHeld) / floor)}% of autocannon's ${Math.round(floor)}/s)`,
  );
} finally {
  server.disconnect();
  rmSync(workDir, { recursive: true, force: true });
}

/** autocannon's own CLI from node_modules, its JSON result read back. */
async function autocannonRate(): Promise<number> {
  const cli = fileURLToPath(new URL("../node_modules/autocannon/autocannon.js", import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [
    cli,
    "--connections",
    "50",
    "--duration",
    String(seconds),
    "--json",
    target,
  ]);
  return (JSON.parse(stdout) as { requests: { average: number } }).requests.average;
}

/** One steady phase at `rate`, judged as qaops judges every run: planned against sent arrivals. */
async function artilleryAt(rate: number) {
  const result = await runPerfQuietly({
    scenario: `ping-${rate}`,
    scenarioPath: writePingScenario(rate),
    resultsRoot: join(workDir, "results"),
  });
  // The hold after the one-second ramp is the rate measured; every phase counts for "held".
  const phases = result.summary?.arrivals?.phases ?? [];
  const phase = phases.at(-1);
  const shortfall = phases.length > 0 ? Math.max(...phases.map((p) => p.shortfall)) : 1;
  const failed = Math.round((result.summary?.traffic.failedRatio ?? 1) * 100);
  return {
    held: result.exitCode === 0 && shortfall <= 0.02,
    sentRate: phase?.achievedRate ?? 0,
    shortfall,
    p95: result.summary?.endpoints[0]?.p95 ?? NaN,
    failed: `${failed}%`,
  };
}

function writePingScenario(rate: number): string {
  const lib = (path: string) =>
    JSON.stringify(fileURLToPath(new URL(`../${path}`, import.meta.url)));
  const processor = join(workDir, `ping-processor.ts`);
  writeFileSync(
    processor,
    `export { arrive, depart } from ${lib("tests/perf/lib/arrival-log.ts")};\n` +
      `export { countOutcome } from ${lib("tests/perf/lib/outcome-counters.ts")};\n`,
  );
  const scenario = join(workDir, `ping-${rate}.ts`);
  writeFileSync(
    scenario,
    `import { artilleryLoadTest } from ${lib("tests/perf/lib/profiles.ts")};
import { steadyLoad } from ${lib("src/perf/load-shape/steady-load.ts")};
export default function ping(env: Record<string, string | undefined>) {
  return artilleryLoadTest({
    scenario: "ping", profile: "steady", env, processor: ${JSON.stringify(processor)}, objectives: [],
    plan: steadyLoad({ rate: ${rate}, rampSeconds: 1, holdSeconds: ${seconds} }),
    scenarios: [{ name: "ping", beforeScenario: "arrive", afterScenario: "depart",
      flow: [{ get: { url: ${JSON.stringify(`${target}/`)}, name: "ping", afterResponse: "countOutcome" } }] }],
  });
}
`,
  );
  return scenario;
}
