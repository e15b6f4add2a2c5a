// Latency of the demo platform under a fixed arrival rate, against its objectives
// (precise ETA p95 <= 20 ms at peak; recommendation median <= 17 ms), with /health
// measured in the same run as the floor of what any route can do on this machine.
//   node bench/demo-platform.bench.ts [--rate 300] [--seconds 20]
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { runOpenModelLoad } from "./lib/open-model-load.ts";
import type { LatencyFigures } from "./lib/open-model-load.ts";

const { values } = parseArgs({
  options: { rate: { type: "string", default: "300" }, seconds: { type: "string", default: "20" } },
});
const rate = Number(values.rate);
const durationSeconds = Number(values.seconds);
const token = process.env.DEMO_API_TOKEN || "demo-token";

const demo = spawn(process.execPath, ["bin/qaops.js", "demo", "--quiet", "--port", "0"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, DEMO_API_TOKEN: token },
});
const urls = await readServiceUrls();

const openShops = await findOpenShops();
const features = ["grocery/fruit", "grocery/vegetable", "grocery/snack", "food/home"];
const targets = [
  { name: "health (floor)", objective: undefined, url: () => `${urls.eta}/health` },
  {
    name: "precise ETA",
    objective: { metric: "p95", ms: 20 },
    url: (n: number) =>
      `${urls.eta}/v1/eta/precise?shopId=${openShops[n % openShops.length]}&lat=${(37.5 + (n % 97) / 1000).toFixed(4)}&lng=127.0000`,
  },
  {
    name: "recommendation",
    objective: { metric: "p50", ms: 17 },
    url: (n: number) =>
      `${urls.recommendation}/v1/recommendations/${features[n % features.length]}?memberId=${(n % 500) + 1}`,
  },
] as const;

const results: Record<string, LatencyFigures> = {};
try {
  for (const target of targets) {
    await runOpenModelLoad({
      rate: rate / 10,
      durationSeconds: 2,
      url: target.url,
      headers: auth(),
    });
    results[target.name] = await runOpenModelLoad({
      rate,
      durationSeconds,
      url: target.url,
      headers: auth(),
    });
  }
} finally {
  demo.kill("SIGTERM");
  await once(demo, "exit");
}

console.log(`\ndemo platform at ${rate} requests/s for ${durationSeconds}s per route (ms)\n`);
console.log("route             requests  errors  rate     p50     p95     p99     max  objective");
for (const target of targets) {
  const r = results[target.name]!;
  const verdict = target.objective
    ? `${target.objective.metric} <= ${target.objective.ms}: ${r[target.objective.metric] <= target.objective.ms ? "met" : "MISSED"}`
    : "";
  console.log(
    `${target.name.padEnd(17)} ${String(r.requests).padStart(8)} ${String(r.errors).padStart(7)} ${String(r.achievedRate).padStart(6)} ${[r.p50, r.p95, r.p99, r.max].map((v) => v.toFixed(2).padStart(7)).join(" ")}  ${verdict}`,
  );
}
console.log(JSON.stringify({ bench: "demo-platform", rate, durationSeconds, results }));

function auth(): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

/** A closed shop answers 409 by design; the load goes to the shops that can deliver. */
async function findOpenShops(): Promise<number[]> {
  const open: number[] = [];
  for (let shopId = 1; shopId <= 60; shopId++) {
    const response = await fetch(`${urls.eta}/v1/shops/${shopId}/eta-settings`, {
      headers: auth(),
    });
    if (response.ok && ((await response.json()) as { open: boolean }).open) open.push(shopId);
  }
  return open;
}

async function readServiceUrls(): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  for await (const line of createInterface({ input: demo.stdout })) {
    const [name, url] = line.trim().split(/\s+/);
    if (name && url?.startsWith("http")) found[name] = url;
    if (line.startsWith("Demo platform ready")) break;
  }
  return found;
}
