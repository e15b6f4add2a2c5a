// 1,000 captured requests, converted by qaops and run by Playwright, against Newman running
// the same requests as a Postman collection, side by side against one demo platform.
//   node bench/generated-tests-vs-newman.bench.ts [--flows 250] [--runs 3]
// Three layouts run in turns, each `--runs` times; the figure is the median wall time of the
// whole command (process start to exit), as a CI job would see it:
//   newman        the 1,000 requests as a Postman collection, a status check on each
//   flows         the converter's output: requests that share response values as one test
//                 with a test.step per request (the order id from POST /v1/orders, …)
//   per-request   the same capture without responses: no correlation, one test per request
// Prints a table and one JSON line.
import { spawn } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { convertCaptures } from "../tools/curl-to-test/convert-captures.ts";
import type { ConversionResult } from "../tools/curl-to-test/convert-captures.ts";
import { startDemoPlatform } from "../src/demo-platform/platform.ts";
import { captureOrderFlows } from "./lib/order-flow-capture.ts";
import type { CapturedExchange } from "./lib/order-flow-capture.ts";
import { median } from "./lib/median.ts";

const { values } = parseArgs({
  options: { flows: { type: "string", default: "250" }, runs: { type: "string", default: "3" } },
});
const flowCount = Number(values.flows);
const runs = Number(values.runs);
const repoRoot = fileURLToPath(new URL("../", import.meta.url));
const workDirectory = join(repoRoot, ".qaops", `bench-newman-${process.pid}`);
const apiToken = "bench-token";
const capturedOrigin = "https://order.example.com";

interface Layout {
  name: "newman" | "flows" | "per-request";
  command: string[];
  reportPath: string;
  tests: number;
}

const platform = await startDemoPlatform({ port: 0, apiToken });
const baseUrl = platform.services.order.url;
try {
  await rm(workDirectory, { recursive: true, force: true });
  await mkdir(workDirectory, { recursive: true });

  const exchanges = await captureOrderFlows({ baseUrl, capturedOrigin, apiToken, flowCount });
  const har = harText(exchanges);
  const convertStarted = performance.now();
  const flows = await convert(har);
  const convertSeconds = (performance.now() - convertStarted) / 1000;
  const perRequest = await convert(harText(exchanges.map(({ request }) => ({ request }))));

  const layouts: Layout[] = [
    await newmanLayout(exchanges),
    await playwrightLayout("flows", flows),
    await playwrightLayout("per-request", perRequest),
  ];
  const env = {
    ...Object.fromEntries([...flows.capturedSecrets, ...perRequest.capturedSecrets]),
    ORDER_BASE_URL: baseUrl,
  };

  const seconds = new Map<Layout["name"], number[]>(layouts.map((layout) => [layout.name, []]));
  const passed = new Map<Layout["name"], string>();
  for (let run = 0; run < runs; run++) {
    for (const layout of layouts) {
      const started = performance.now();
      const exitCode = await runCommand(layout.command, env);
      seconds.get(layout.name)?.push((performance.now() - started) / 1000);
      passed.set(layout.name, await outcome(layout, exitCode));
    }
  }

  const medians = Object.fromEntries(
    layouts.map((layout) => [layout.name, median(seconds.get(layout.name) ?? [])]),
  ) as Record<Layout["name"], number>;
  console.log(
    `${exchanges.length} captured requests (${flowCount} flows of ${exchanges.length / flowCount}), ` +
      `converted in ${convertSeconds.toFixed(2)} s; medians of ${runs} runs on ${baseUrl}`,
  );
  console.log("layout        tests  median s  runs (s)                 outcome");
  for (const layout of layouts) {
    const all = (seconds.get(layout.name) ?? []).map((s) => s.toFixed(1)).join(", ");
    console.log(
      `${layout.name.padEnd(12)}  ${String(layout.tests).padStart(5)}  ${medians[layout.name].toFixed(2).padStart(8)}  ${all.padEnd(23)}  ${passed.get(layout.name) ?? ""}`,
    );
  }
  const ratio = medians.newman / medians.flows;
  console.log(
    `Newman / flows: ${ratio.toFixed(2)}x (target >= 2x); Newman / per-request: ${(medians.newman / medians["per-request"]).toFixed(2)}x`,
  );
  console.log(
    JSON.stringify({
      bench: "generated-tests-vs-newman",
      requests: exchanges.length,
      runs,
      convertSeconds: round(convertSeconds),
      medianSeconds: {
        newman: round(medians.newman),
        flows: round(medians.flows),
        perRequest: round(medians["per-request"]),
      },
      newmanOverFlows: round(ratio),
      tests: Object.fromEntries(layouts.map((layout) => [layout.name, layout.tests])),
    }),
  );
} finally {
  await platform.close();
  await rm(workDirectory, { recursive: true, force: true });
}

async function convert(har: string): Promise<ConversionResult> {
  const result = await convertCaptures({
    inputs: [{ name: "orders.har", text: har }],
    service: "order",
  });
  if (result.failures.length > 0) {
    throw new Error(`conversion failed: ${result.failures.map((f) => f.message).join("; ")}`);
  }
  return result;
}

async function playwrightLayout(
  name: "flows" | "per-request",
  result: ConversionResult,
): Promise<Layout> {
  const directory = join(workDirectory, name);
  await mkdir(join(directory, "order"), { recursive: true });
  for (const spec of result.specs)
    await writeFile(join(directory, "order", spec.fileName), spec.text);
  const reportPath = join(directory, "report.json");
  const configPath = join(directory, "playwright.config.mjs");
  await writeFile(
    configPath,
    `export default ${JSON.stringify({
      testDir: join(directory, "order"),
      outputDir: join(directory, "test-results"),
      workers: 2,
      fullyParallel: true,
      retries: 0,
      // A flow runs its steps one after another in one test; give a long one time to finish.
      timeout: 300_000,
      reporter: [["json", { outputFile: reportPath }]],
      use: { baseURL: baseUrl },
    })};\n`,
  );
  const cli = fileURLToPath(import.meta.resolve("@playwright/test/cli"));
  const tests = result.plan.specs.reduce(
    (sum, spec) =>
      sum +
      spec.tests.reduce(
        (count, test) => count + (test.kind === "table" ? test.cases.length : 1),
        0,
      ),
    0,
  );
  return {
    name,
    command: [process.execPath, cli, "test", "--config", configPath],
    reportPath,
    tests,
  };
}

async function newmanLayout(exchanges: CapturedExchange[]): Promise<Layout> {
  const directory = join(workDirectory, "newman");
  await mkdir(directory, { recursive: true });
  const collectionPath = join(directory, "collection.json");
  await writeFile(collectionPath, JSON.stringify(postmanCollection(exchanges)));
  const reportPath = join(directory, "report.json");
  const cli = join(repoRoot, "node_modules", "newman", "bin", "newman.js");
  return {
    name: "newman",
    command: [
      process.execPath,
      cli,
      "run",
      collectionPath,
      "--env-var",
      `baseUrl=${baseUrl}`,
      "--reporters",
      "json",
      "--reporter-json-export",
      reportPath,
    ],
    reportPath,
    tests: exchanges.length,
  };
}

/** Postman Collection v2.1: the captured requests in order, each checking its captured status. */
function postmanCollection(exchanges: CapturedExchange[]): unknown {
  return {
    info: {
      name: "captured order flows",
      schema: "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
    },
    item: exchanges.map(({ request, response }, index) => ({
      name: `${index + 1} ${request.method} ${request.path}`,
      request: {
        method: request.method,
        header: request.headers.map((header) => ({ key: header.name, value: header.value })),
        url: `{{baseUrl}}${request.path}`,
        ...(request.body === undefined
          ? {}
          : { body: { mode: "raw", raw: request.body, options: { raw: { language: "json" } } } }),
      },
      event: [
        {
          listen: "test",
          script: {
            type: "text/javascript",
            exec: [
              `pm.test("status ${response?.status ?? 200}", () => pm.response.to.have.status(${response?.status ?? 200}));`,
            ],
          },
        },
      ],
    })),
  };
}

function harText(exchanges: CapturedExchange[]): string {
  const entries = exchanges.map(({ request, response }) => ({
    startedDateTime: "2026-01-01T12:00:00.000Z",
    time: 1,
    request: {
      method: request.method,
      url: `${capturedOrigin}${request.path}`,
      httpVersion: "HTTP/1.1",
      headers: request.headers,
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: request.body?.length ?? 0,
      ...(request.body === undefined
        ? {}
        : { postData: { mimeType: "application/json", text: request.body } }),
    },
    response: response
      ? {
          status: response.status,
          statusText: "",
          httpVersion: "HTTP/1.1",
          headers: [{ name: "content-type", value: response.mimeType }],
          cookies: [],
          content: { size: response.body.length, mimeType: response.mimeType, text: response.body },
          redirectURL: "",
          headersSize: -1,
          bodySize: response.body.length,
        }
      : {
          status: 0,
          statusText: "",
          httpVersion: "",
          headers: [],
          cookies: [],
          content: { size: 0, mimeType: "" },
          redirectURL: "",
          headersSize: -1,
          bodySize: -1,
        },
    cache: {},
    timings: { send: 0, wait: 1, receive: 0 },
  }));
  return JSON.stringify({
    log: { version: "1.2", creator: { name: "qaops bench", version: "1" }, entries },
  });
}

async function outcome(layout: Layout, exitCode: number | null): Promise<string> {
  const report = JSON.parse(await readFile(layout.reportPath, "utf8").catch(() => "{}")) as {
    stats?: { expected?: number; unexpected?: number };
    run?: { stats?: { assertions?: { total?: number; failed?: number } } };
  };
  if (layout.name === "newman") {
    const assertions = report.run?.stats?.assertions;
    return `exit ${exitCode}, ${(assertions?.total ?? 0) - (assertions?.failed ?? 0)}/${assertions?.total ?? 0} checks passed`;
  }
  const stats = report.stats;
  return `exit ${exitCode}, ${stats?.expected ?? 0} passed, ${stats?.unexpected ?? 0} failed`;
}

function runCommand(command: string[], env: Record<string, string>): Promise<number | null> {
  const [program = "", ...args] = command;
  return new Promise((resolve) => {
    const child = spawn(program, args, {
      cwd: workDirectory,
      // NODE_NO_WARNINGS: Newman's dependencies print deprecation notices on every run.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        NODE_NO_WARNINGS: "1",
        ...env,
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    child.on("close", (code) => resolve(code));
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
