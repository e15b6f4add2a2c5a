// Intake speed: a generated 10,000-entry browser HAR (API calls with Chrome's headers, JSON
// bodies and responses, plus static assets and preflights) read into the request model,
// against the objective of >= 2,000 entries/s. In the same run, the same API requests as
// "Copy as cURL" commands go through curlconverter's own parser (toJsonObjectWarn) and
// through the intake's curl path, so the figures sit beside their reference.
//   node bench/har-intake.bench.ts [--entries 10000] [--runs 5] [--curl-sample 2000]
import { parseArgs } from "node:util";
import { toJsonObjectWarn } from "curlconverter";
import { readCaptures } from "../tools/curl-to-test/intake/read-captures.ts";
import { median } from "./lib/median.ts";

const { values } = parseArgs({
  options: {
    entries: { type: "string", default: "10000" },
    runs: { type: "string", default: "5" },
    "curl-sample": { type: "string", default: "2000" },
  },
});
const entryCount = Number(values.entries);
const runs = Number(values.runs);
const curlSample = Number(values["curl-sample"]);
const OBJECTIVE_ENTRIES_PER_SECOND = 2000;

const CHROME_UA =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/128.0.0.0 Safari/537.36";

interface ApiCall {
  method: string;
  url: string;
  headers: [string, string][];
  body?: string;
}

/** Entry `index` of the generated capture: mostly API calls, one in ten an asset or preflight. */
function apiCall(index: number): ApiCall {
  const orderId = `ord-${(index * 7919) % 100000}`;
  const headers: [string, string][] = [
    ["accept", "application/json"],
    ["accept-language", "en-US,en;q=0.9"],
    ["authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZW1iZXItNDIifQ.c2lnbmF0dXJl"],
    ["origin", "https://shop.example.com"],
    ["priority", "u=1, i"],
    ["referer", "https://shop.example.com/orders"],
    ["sec-ch-ua", '"Chromium";v="128", "Not;A=Brand";v="24"'],
    ["sec-ch-ua-mobile", "?0"],
    ["sec-ch-ua-platform", '"macOS"'],
    ["sec-fetch-dest", "empty"],
    ["sec-fetch-mode", "cors"],
    ["sec-fetch-site", "same-site"],
    ["user-agent", CHROME_UA],
  ];
  if (index % 3 === 0) {
    return {
      method: "POST",
      url: `https://api.example.com/v1/orders?channel=web&shop=${index % 60}`,
      headers: [...headers, ["content-type", "application/json"]],
      body: JSON.stringify({
        shopId: `shop-${index % 60}`,
        note: "ring the bell — it's loud",
        items: [
          { sku: "café-latte", qty: 2 },
          { sku: "bagel", qty: 1 },
        ],
      }),
    };
  }
  return {
    method: "GET",
    url: `https://api.example.com/v1/orders/${orderId}?expand=items&expand=eta`,
    headers,
  };
}

/** One entry of a Chrome HAR: every tenth a CDN image, every tenth a preflight, the rest API calls. */
function harEntry(index: number): unknown {
  if (index % 10 === 9) return imageEntry(index);
  if (index % 10 === 8) return preflightEntry();
  return apiEntry(index);
}

/** HTTP/2 pseudo-headers as Chrome records them. */
function pseudoHeaders(method: string, path: string): { name: string; value: string }[] {
  return [
    { name: ":authority", value: "api.example.com" },
    { name: ":method", value: method },
    { name: ":path", value: path },
    { name: ":scheme", value: "https" },
  ];
}

function imageEntry(index: number): unknown {
  return {
    _resourceType: "image",
    request: { method: "GET", url: `https://cdn.example.com/img/${index}.webp`, headers: [] },
    response: { status: 200, headers: [], content: { size: 0, mimeType: "image/webp" } },
  };
}

function preflightEntry(): unknown {
  return {
    _resourceType: "preflight",
    request: {
      method: "OPTIONS",
      url: "https://api.example.com/v1/orders",
      headers: [
        ...pseudoHeaders("OPTIONS", "/v1/orders"),
        { name: "access-control-request-method", value: "POST" },
      ],
    },
    response: { status: 204, headers: [], content: { size: 0, mimeType: "x-unknown" } },
  };
}

function apiEntry(index: number): unknown {
  const call = apiCall(index);
  const path = call.url.replace("https://api.example.com", "");
  return {
    _resourceType: "fetch",
    startedDateTime: "2024-05-01T12:00:00.000Z",
    time: 42.1,
    request: {
      method: call.method,
      url: call.url,
      httpVersion: "http/2.0",
      headers: [
        ...pseudoHeaders(call.method, path),
        ...call.headers.map(([name, value]) => ({ name, value })),
      ],
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: call.body?.length ?? 0,
      ...(call.body ? { postData: { mimeType: "application/json", text: call.body } } : {}),
    },
    response: apiResponse(call, index),
    timings: { send: 0.1, wait: 40, receive: 2 },
  };
}

function apiResponse(call: ApiCall, index: number): unknown {
  return {
    status: call.method === "POST" ? 201 : 200,
    statusText: "",
    httpVersion: "http/2.0",
    headers: [
      { name: "content-type", value: "application/json" },
      { name: "date", value: "Wed, 01 May 2024 12:00:00 GMT" },
    ],
    cookies: [],
    content: {
      size: 120,
      mimeType: "application/json",
      text: JSON.stringify({
        id: `ord-${index}`,
        status: "PLACED",
        etaMinutes: 25,
        createdAt: "2024-05-01T12:00:01Z",
      }),
    },
    redirectURL: "",
    headersSize: -1,
    bodySize: -1,
  };
}

function bashQuote(text: string): string {
  return /['\n\\\u0080-\uffff]/.test(text)
    ? `$'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`
    : `'${text}'`;
}

/** The same call as Chrome's "Copy as cURL (bash)" writes it. */
function curlCommand(call: ApiCall): string {
  const lines = [
    `curl ${bashQuote(call.url)}`,
    ...call.headers.map(([name, value]) => `-H ${bashQuote(`${name}: ${value}`)}`),
  ];
  if (call.method !== "GET" && !call.body) lines.push(`-X ${call.method}`);
  if (call.body) lines.push(`--data-raw ${bashQuote(call.body)}`);
  return lines.join(" \\\n  ");
}

/** Wall and CPU milliseconds of each run; CPU time shows the cost when other work shares the cores. */
function timeRuns(count: number, work: () => void): { wall: number[]; cpu: number[] } {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run < count; run += 1) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    work();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

const entries = Array.from({ length: entryCount }, (_, index) => harEntry(index));
const harText = JSON.stringify(
  { log: { version: "1.2", creator: { name: "WebInspector", version: "537.36" }, entries } },
  null,
  2,
);
const rssBefore = process.memoryUsage().rss;

let kept = 0;
let skippedText: string[] = [];
const harTimes = timeRuns(runs, () => {
  const result = readCaptures([{ name: "bench.har", text: harText }]);
  kept = result.requests.length;
  skippedText = result.skipped;
  if (result.failures.length > 0)
    throw new Error(`intake failed: ${result.failures[0]?.message ?? ""}`);
});
const harMedianMs = median(harTimes.wall);
const harMedianCpuMs = median(harTimes.cpu);
const entriesPerSecond = (entryCount / harMedianMs) * 1000;
const peakRssMiB = (process.resourceUsage().maxRSS * 1024) / 2 ** 20;

const commands = Array.from({ length: curlSample }, (_, index) => curlCommand(apiCall(index)));
const curlconverterTimes = timeRuns(3, () => {
  for (const command of commands) toJsonObjectWarn(command);
});
const curlconverterPerSecond = (curlSample / median(curlconverterTimes.wall)) * 1000;
const pasted = commands.join(" ;\n");
const curlIntakeTimes = timeRuns(3, () => {
  const result = readCaptures([{ name: "bench.sh", text: pasted }]);
  if (result.requests.length !== curlSample)
    throw new Error(`curl intake read ${result.requests.length} requests`);
});
const curlIntakePerSecond = (curlSample / median(curlIntakeTimes.wall)) * 1000;

const figures = {
  bench: "har-intake",
  entries: entryCount,
  harMiB: Number((Buffer.byteLength(harText) / 2 ** 20).toFixed(1)),
  keptRequests: kept,
  runs,
  medianMs: Number(harMedianMs.toFixed(1)),
  medianCpuMs: Number(harMedianCpuMs.toFixed(1)),
  entriesPerSecond: Math.round(entriesPerSecond),
  objectiveEntriesPerSecond: OBJECTIVE_ENTRIES_PER_SECOND,
  meetsObjective: entriesPerSecond >= OBJECTIVE_ENTRIES_PER_SECOND,
  peakRssMiB: Math.round(peakRssMiB),
  rssGrowthMiB: Math.round((process.memoryUsage().rss - rssBefore) / 2 ** 20),
  curlSample,
  curlconverterCommandsPerSecond: Math.round(curlconverterPerSecond),
  intakeCurlCommandsPerSecond: Math.round(curlIntakePerSecond),
  ratioHarEntriesToCurlconverterCommands: Number(
    (entriesPerSecond / curlconverterPerSecond).toFixed(2),
  ),
  ratioIntakeCurlToCurlconverter: Number((curlIntakePerSecond / curlconverterPerSecond).toFixed(2)),
};

console.log(
  `HAR intake: ${entryCount} entries (${figures.harMiB} MiB), ${kept} kept; ${skippedText.join("; ")}`,
);
console.log(
  `  runs (ms): ${harTimes.wall.map((time) => time.toFixed(0)).join(", ")}; median ${figures.medianMs} ms wall, ${figures.medianCpuMs} ms CPU`,
);
console.log(
  `  ${figures.entriesPerSecond} entries/s (objective >= ${OBJECTIVE_ENTRIES_PER_SECOND}: ${figures.meetsObjective ? "met" : "NOT met"})`,
);
console.log(
  `  peak RSS ${figures.peakRssMiB} MiB (process maxRSS, includes the generated HAR text)`,
);
console.log(
  `curlconverter toJsonObjectWarn: ${figures.curlconverterCommandsPerSecond} commands/s (${curlSample} commands)`,
);
console.log(`intake curl path (same commands): ${figures.intakeCurlCommandsPerSecond} commands/s`);
console.log(JSON.stringify(figures));
