// Whole-conversion speed: a generated 10,000-entry browser HAR (API calls with browser headers,
// a bearer token, JSON bodies and responses, ids reused between calls, one in ten a static
// asset or preflight) through intake, plan, render and Prettier, against the objective of
// >= 2,000 entries/s. Prints each stage's share, peak memory and a JSON line.
//   node bench/convert-pipeline.bench.ts [--entries 10000] [--runs 3]
import { parseArgs } from "node:util";
import { convertCaptures } from "../tools/curl-to-test/convert-captures.ts";
import type { ConversionProgress } from "../tools/curl-to-test/convert-captures.ts";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
  },
});
const entryCount = Number(values.entries);
const runs = Number(values.runs);
const objectiveEntriesPerSecond = 2000;

const browserHeaders = [
  { name: "accept", value: "application/json" },
  { name: "authorization", value: "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl" },
  { name: "origin", value: "https://shop.example.com" },
  { name: "sec-ch-ua", value: '"Chromium";v="128"' },
  { name: "sec-fetch-mode", value: "cors" },
  {
    name: "user-agent",
    value: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 Chrome/128.0",
  },
];

function response(status: number, body: unknown): unknown {
  const text = JSON.stringify(body);
  return {
    status,
    statusText: "",
    httpVersion: "http/2.0",
    headers: [{ name: "content-type", value: "application/json" }],
    cookies: [],
    content: { size: text.length, mimeType: "application/json", text },
    redirectURL: "",
    headersSize: -1,
    bodySize: -1,
  };
}

/** Entry `index`: orders placed and read back, shop menus, assets and preflights. */
function harEntry(index: number): unknown {
  const timing = { startedDateTime: "2024-05-01T12:00:00.000Z", time: 12, cache: {}, timings: {} };
  return { ...timing, ...exchangeAt(index) };
}

/** The request and response of entry `index`, by its place in each run of ten. */
function exchangeAt(index: number): { request: unknown; response: unknown } {
  switch (index % 10) {
    case 9:
      return {
        request: { ...request("GET", `https://cdn.example.com/img/${index}.webp`), headers: [] },
        response: {
          ...(response(200, {}) as object),
          content: { size: 0, mimeType: "image/webp" },
        },
      };
    case 8:
      return {
        request: {
          ...request("OPTIONS", "https://api.example.com/v1/orders"),
          headers: [{ name: "access-control-request-method", value: "POST" }],
        },
        response: response(204, {}),
      };
    case 0:
      return {
        request: request("POST", "https://api.example.com/v1/orders", {
          shopId: index % 40,
          items: [{ menuId: index % 12, quantity: 1 + (index % 3) }],
        }),
        response: response(201, order(index)),
      };
    case 1:
      return {
        request: request("GET", `https://api.example.com/v1/orders/${order(index - 1).id}`),
        response: response(200, order(index - 1)),
      };
    default:
      return {
        request: request("GET", `https://api.example.com/v1/shops/${index % 40}/menu`),
        response: response(200, { shopId: index % 40, items: [{ menuId: 1, price: 9000 }] }),
      };
  }
}

function request(method: string, url: string, body?: unknown) {
  return {
    method,
    url,
    httpVersion: "http/2.0",
    headers: body
      ? [...browserHeaders, { name: "content-type", value: "application/json" }]
      : browserHeaders,
    queryString: [],
    cookies: [],
    headersSize: -1,
    bodySize: -1,
    ...(body ? { postData: { mimeType: "application/json", text: JSON.stringify(body) } } : {}),
  };
}

function order(id: number) {
  return {
    id: `ord_${String(id).padStart(8, "0")}`,
    status: id % 5 === 0 ? "CANCELLED" : "PLACED",
    total: 9000 + (id % 7) * 500,
    placedAt: "2024-05-01T12:00:00Z",
  };
}

const har = JSON.stringify({
  log: {
    version: "1.2",
    creator: { name: "WebInspector", version: "537.36" },
    entries: Array.from({ length: entryCount }, (_, index) => harEntry(index)),
  },
});

interface RunFigures {
  totalMs: number;
  stageMs: Record<ConversionProgress["stage"], number>;
  specs: number;
  tests: number;
}

async function convertOnce(): Promise<RunFigures> {
  const stageMs = { read: 0, record: 0, plan: 0, render: 0 };
  const started = performance.now();
  let last = started;
  const result = await convertCaptures({
    inputs: [{ name: "bench.har", text: har }],
    service: "order",
    onProgress: (progress) => {
      const now = performance.now();
      stageMs[progress.stage] += now - last;
      last = now;
    },
  });
  const tests = result.plan.specs
    .flatMap((spec) => spec.tests)
    .reduce((sum, test) => sum + (test.kind === "table" ? test.cases.length : 1), 0);
  return { totalMs: performance.now() - started, stageMs, specs: result.specs.length, tests };
}

const figures: RunFigures[] = [];
for (let run = 0; run < runs; run += 1) figures.push(await convertOnce());
const median = [...figures].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(runs / 2)]!;
const entriesPerSecond = entryCount / (median.totalMs / 1000);
const peakRssMiB = process.resourceUsage().maxRSS / 1024;

console.log(`convert ${entryCount} HAR entries → ${median.specs} specs, ${median.tests} tests`);
console.log(
  `median of ${runs}: ${(median.totalMs / 1000).toFixed(2)} s = ${Math.round(entriesPerSecond)} entries/s ` +
    `(objective >= ${objectiveEntriesPerSecond})`,
);
for (const [stage, ms] of Object.entries(median.stageMs)) {
  if (ms > 0) console.log(`  ${stage.padEnd(7)} ${(ms / 1000).toFixed(2)} s`);
}
console.log(`peak RSS ${Math.round(peakRssMiB)} MiB`);
console.log(
  JSON.stringify({
    bench: "convert-pipeline",
    entries: entryCount,
    medianMs: Math.round(median.totalMs),
    entriesPerSecond: Math.round(entriesPerSecond),
    objective: objectiveEntriesPerSecond,
    met: entriesPerSecond >= objectiveEntriesPerSecond,
    stageMs: Object.fromEntries(
      Object.entries(median.stageMs).map(([stage, ms]) => [stage, Math.round(ms)]),
    ),
    peakRssMiB: Math.round(peakRssMiB),
  }),
);
