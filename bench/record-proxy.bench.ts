// What recording costs: the same sequential requests sent straight to a loopback server and
// through `qaops record`'s proxy (which decrypts HTTPS and writes each exchange to the HAR),
// median latency per request beside the direct reference; then the HAR journal's cost per entry
// as the file grows, beside rewriting the whole HAR after every exchange.
//   node bench/record-proxy.bench.ts [--requests 300] [--runs 3] [--entries 5000]
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Agent, ProxyAgent, request } from "undici";
import type { Dispatcher } from "undici";
import { harEntry } from "../src/record/har-entry-builder.ts";
import type { HarEntryJson } from "../src/record/har-entry-builder.ts";
import { HarJournal } from "../src/record/har-journal.ts";
import { HostPatterns } from "../src/record/host-patterns.ts";
import { startRecordingSession } from "../src/record/recording-session.ts";
import { startEchoServers } from "../test-support/record/echo-servers.ts";
import { median } from "./lib/median.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    runs: { type: "string", default: "3" },
    entries: { type: "string", default: "5000" },
  },
});
const requestCount = Number(values.requests);
const runs = Number(values.runs);
const entryCount = Number(values.entries);

const folder = await mkdtemp(join(tmpdir(), "qaops-record-bench-"));
const servers = await startEchoServers();
await writeFile(join(folder, "upstream.pem"), servers.cert);
const session = await startRecordingSession({
  env: {
    XDG_CONFIG_HOME: join(folder, "config"),
    NODE_EXTRA_CA_CERTS: join(folder, "upstream.pem"),
  },
  port: 0,
  harPath: join(folder, "bench.har"),
  hosts: new HostPatterns([]),
  creatorVersion: "bench",
});

/** Milliseconds per request, sent one after another on one keep-alive connection. */
async function latencies(url: string, dispatcher: Dispatcher): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < requestCount; index += 1) {
    const start = performance.now();
    const response = await request(`${url}/echo?n=${index}`, {
      method: "POST",
      body: JSON.stringify({ index, note: "x".repeat(512) }),
      headers: { "content-type": "application/json" },
      dispatcher,
    });
    await response.body.text();
    times.push(performance.now() - start);
  }
  return times;
}

const routes = [
  { name: "http direct", url: servers.httpUrl, dispatcher: new Agent() },
  {
    name: "http via proxy",
    url: servers.httpUrl,
    dispatcher: new ProxyAgent({ uri: session.proxy.url }),
  },
  {
    name: "https direct",
    url: servers.httpsUrl,
    dispatcher: new Agent({ connect: { ca: servers.cert } }),
  },
  {
    name: "https via proxy",
    url: servers.httpsUrl,
    dispatcher: new ProxyAgent({ uri: session.proxy.url, requestTls: { ca: session.ca.cert } }),
  },
];
const medians = new Map<string, number[]>();
for (let run = 0; run < runs; run += 1) {
  for (const route of routes) {
    const times = await latencies(route.url, route.dispatcher);
    medians.set(route.name, [...(medians.get(route.name) ?? []), median(times)]);
  }
}
for (const route of routes) await route.dispatcher.close();
await session.stop();
await servers.close();

const entry = sampleEntry();
const journalPerEntryUs = timeJournal(entry, join(folder, "journal.har"));
const rewriteCount = Math.min(entryCount, 1000);
const rewritePerEntryUs = timeRewrite(entry, join(folder, "rewrite.har"), rewriteCount);
await rm(folder, { recursive: true, force: true });

const latency = Object.fromEntries(
  routes.map((route) => [route.name, Number(median(medians.get(route.name) ?? []).toFixed(3))]),
);
const figures = {
  bench: "record-proxy",
  requests: requestCount,
  runs,
  medianLatencyMs: latency,
  overheadHttpMs: Number((latency["http via proxy"]! - latency["http direct"]!).toFixed(3)),
  overheadHttpsMs: Number((latency["https via proxy"]! - latency["https direct"]!).toFixed(3)),
  journalEntries: entryCount,
  journalMicrosPerEntry: Number(journalPerEntryUs.toFixed(1)),
  rewriteEntries: rewriteCount,
  rewriteWholeHarMicrosPerEntry: Number(rewritePerEntryUs.toFixed(1)),
};
console.log(
  `record proxy: ${requestCount} sequential POSTs per route, median of ${runs} run medians`,
);
for (const route of routes) console.log(`  ${route.name.padEnd(16)} ${latency[route.name]} ms`);
console.log(
  `HAR journal: ${figures.journalMicrosPerEntry} µs/entry over ${entryCount} entries; rewriting the whole HAR each time: ${figures.rewriteWholeHarMicrosPerEntry} µs/entry over ${rewriteCount}`,
);
console.log(JSON.stringify(figures));

function sampleEntry(): HarEntryJson {
  const body = Buffer.from(
    JSON.stringify({ items: Array.from({ length: 20 }, (_, id) => ({ id })) }),
  );
  return harEntry({
    startedAt: Date.now(),
    method: "POST",
    url: "https://api.example.com/v1/orders",
    httpVersion: "1.1",
    requestHeaders: [["content-type", "application/json"]],
    requestBody: { raw: body, decoded: body },
    status: 201,
    statusText: "Created",
    responseHeaders: [["content-type", "application/json"]],
    responseBody: { raw: body, decoded: body },
    timings: { send: 1, wait: 5, receive: 1 },
  });
}

/** Microseconds per append over the last tenth of the entries: what a long recording pays. */
function timeJournal(sample: HarEntryJson, path: string): number {
  const journal = new HarJournal(path, { name: "bench", version: "0" });
  const tail = Math.max(1, Math.floor(entryCount / 10));
  for (let index = 0; index < entryCount - tail; index += 1) journal.append(sample);
  const start = performance.now();
  for (let index = 0; index < tail; index += 1) journal.append(sample);
  const perEntry = ((performance.now() - start) * 1000) / tail;
  journal.close();
  return perEntry;
}

/** The same, writing the whole HAR again after each exchange (the simple alternative). */
function timeRewrite(sample: HarEntryJson, path: string, count: number): number {
  const entries: HarEntryJson[] = [];
  const tail = Math.max(1, Math.floor(count / 10));
  let start = 0;
  for (let index = 0; index < count; index += 1) {
    if (index === count - tail) start = performance.now();
    entries.push(sample);
    writeFileSync(path, JSON.stringify({ log: { version: "1.2", entries } }));
  }
  return ((performance.now() - start) * 1000) / tail;
}
