// What `convert --llm` adds, measured on captures of the demo platform: specs converted without
// the model (the deterministic plan) and with it (the plan refined by a scripted reviewer served
// by the fake OpenAI-compatible server, see tools/curl-to-test/llm/testing/) are type-checked
// and run with Playwright (1) against a fresh platform at the capture's time of day, (2) against
// one at another time of day (a nightly run), and (3) behind proxies that break the contract in
// one response field each. Prints the share of tests that compile and pass, the tests each
// break makes fail, and prompt tokens per request converted (o200k_base, schema included).
//   node bench/llm-evaluation.bench.ts
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { serviceNames, startDemoPlatform } from "../src/demo-platform/platform.ts";
import type { DemoPlatform, ServiceName } from "../src/demo-platform/platform.ts";
import { convertCaptures } from "../tools/curl-to-test/convert-captures.ts";
import type { ConversionResult } from "../tools/curl-to-test/convert-captures.ts";
import { resolveLlmOptions } from "../tools/curl-to-test/llm/llm-options.ts";
import { modelPlanRefiner } from "../tools/curl-to-test/llm/refine-plan.ts";
import { captureDemoService } from "../tools/curl-to-test/llm/testing/demo-captures.ts";
import { startFakeOpenAiServer } from "../tools/curl-to-test/llm/testing/fake-openai-server.ts";
import { startMutatingProxy } from "../tools/curl-to-test/llm/testing/mutating-proxy.ts";
import type { ResponseMutation } from "../tools/curl-to-test/llm/testing/mutating-proxy.ts";
import { reviewDemoCapture } from "../tools/curl-to-test/llm/testing/scripted-reviewer.ts";
import {
  runPlaywrightConfig,
  writePlaywrightConfig,
} from "../tools/curl-to-test/testing/playwright-projects.ts";
import type { SpecProject } from "../tools/curl-to-test/testing/playwright-projects.ts";
import {
  repositoryRoot,
  repositoryWorkDir,
  typeCheck,
} from "../tools/curl-to-test/testing/repository-tools.ts";
import { writeConversion } from "../tools/curl-to-test/write-conversion.ts";

const workDir = repositoryWorkDir("llm-evaluation");
const token = "llm-evaluation-token";
const variants = ["deterministic", "refined"] as const;

/** Captured at lunch peak in Seoul (12:30 KST); runs at that time the next day, and at 02:00. */
const captureTime = Date.parse("2026-03-02T03:30:00Z");
const runTimes = {
  "same hour": Date.parse("2026-03-03T03:30:00Z"),
  "other hour": Date.parse("2026-03-03T17:00:00Z"),
};

/** One response field broken at a time; each names the service whose responses it changes. */
const breaks: { name: string; service: ServiceName; mutate: ResponseMutation }[] = [
  {
    name: "order line priced wrong (items[].lineTotal + 500)",
    service: "order",
    mutate: ({ body }) =>
      orderWith(body, (order) => order.items.forEach((item) => (item.lineTotal += 500))),
  },
  {
    name: "order fee not added (deliveryFee 3000, total unchanged)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.deliveryFee = 3000)),
  },
  {
    name: "order total off (total + 1000)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.total += 1000)),
  },
  {
    name: "order status renamed (PLACED → CONFIRMED)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.status = "CONFIRMED")),
  },
  {
    name: "menu prices doubled (items[].price × 2)",
    service: "order",
    mutate: ({ path, body }) =>
      path.endsWith("/menu")
        ? withItems(body, "items", (item) => (item.price = Number(item.price) * 2))
        : undefined,
  },
  {
    name: "ETA distance doubled (distanceKm × 2)",
    service: "eta",
    mutate: ({ path, body }) =>
      path.endsWith("/precise") && typeof field(body, "distanceKm") === "number"
        ? { ...(body as object), distanceKm: Number(field(body, "distanceKm")) * 2 }
        : undefined,
  },
  {
    name: "ETA window inverted (etas[].maxMinutes < minMinutes)",
    service: "eta",
    mutate: ({ path, body }) =>
      path.endsWith("/approximate")
        ? withItems(body, "etas", (eta) => (eta.maxMinutes = Number(eta.minMinutes) - 1))
        : undefined,
  },
  {
    name: "recommendation returns sold-out items (items[].status)",
    service: "recommendation",
    mutate: ({ body }) => withItems(body, "items", (item) => (item.status = "SOLD_OUT")),
  },
  {
    name: "recommendation names another feature (feature)",
    service: "recommendation",
    mutate: ({ body }) =>
      typeof field(body, "feature") === "string"
        ? { ...(body as object), feature: "vegetable" }
        : undefined,
  },
];

interface Order {
  items: { lineTotal: number }[];
  deliveryFee: number;
  total: number;
  status: string;
}

function orderWith(body: unknown, change: (order: Order) => void): unknown {
  const order = body as Partial<Order>;
  if (!Array.isArray(order.items) || typeof order.total !== "number") return undefined;
  change(order as Order);
  return order;
}

/** Only bodies of the expected shape change: error bodies (401, 404) pass through intact. */
function withItems(
  body: unknown,
  key: string,
  change: (item: Record<string, unknown>) => void,
): unknown {
  const items = field(body, key);
  if (!Array.isArray(items) || items.length === 0) return undefined;
  items.forEach((item) => change(item as Record<string, unknown>));
  return body;
}

function field(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[key]
    : undefined;
}

const started: { close(): Promise<void> }[] = [];
const stopAll = async (): Promise<void> => {
  for (const item of started.reverse()) await item.close();
};

try {
  // 1. Capture every service at lunch peak.
  const capturing = await startDemoPlatform({
    port: 0,
    apiToken: token,
    clock: movingClock(captureTime),
  });
  const captures = new Map<ServiceName, string>();
  for (const service of serviceNames) {
    captures.set(service, await captureDemoService(capturing, service, token));
  }
  await capturing.close();

  // 2. Convert without and with the model.
  const model = await startFakeOpenAiServer({
    replies: (request) => ({ kind: "json", content: reviewDemoCapture(request) }),
  });
  started.push(model);
  const cacheDir = await mkdtemp(join(tmpdir(), "qaops-llm-bench-"));
  started.push({ close: () => rm(cacheDir, { recursive: true, force: true }) });
  await rm(workDir, { recursive: true, force: true });
  started.push({ close: () => rm(workDir, { recursive: true, force: true }) });

  const conversions = new Map<string, ConversionResult>();
  let requestsConverted = 0;
  let promptTokens = 0;
  let completionTokens = 0;
  let prompts = 0;
  for (const service of serviceNames) {
    const inputs = [{ name: `${service}.har`, text: captures.get(service)! }];
    const plain = await convertCaptures({ inputs, service });
    const refiner = modelPlanRefiner(
      resolveLlmOptions({ apiKey: "bench", baseURL: model.baseURL, cacheDir }, {}),
    );
    const refined = await convertCaptures({ inputs, service, refinePlan: refiner.refinePlan });
    const usage = refiner.usage();
    requestsConverted += refined.requestCount;
    promptTokens += usage?.promptTokens ?? 0;
    completionTokens += usage?.completionTokens ?? 0;
    prompts += usage?.prompts ?? 0;
    const llmWarnings = refined.warnings.filter((warning) => warning.message.startsWith("llm:"));
    if (llmWarnings.length > 0) {
      throw new Error(`refinement warned: ${llmWarnings.map((w) => w.message).join("; ")}`);
    }
    for (const [variant, result] of [
      ["deterministic", plain],
      ["refined", refined],
    ] as const) {
      conversions.set(`${variant}/${service}`, result);
      await writeConversion({
        outDir: join(workDir, variant, service),
        specs: result.specs,
        envVars: result.plan.envVars,
      });
    }
  }

  // 3. Type-check every generated spec.
  await writeFile(
    join(workDir, "tsconfig.json"),
    JSON.stringify({
      extends: relative(workDir, join(repositoryRoot, "tsconfig.json")),
      include: ["**/*.ts"],
    }),
  );
  const typeErrors = await filesWithTypeErrors();

  // 4. Run them, each project against a platform of its own so that no run sees another's
  // orders: at the capture's hour, at another hour, on a platform where other orders were
  // placed since, and behind one broken field at a time.
  const freshPlatform = async (at: number): Promise<DemoPlatform> => {
    const platform = await startDemoPlatform({ port: 0, apiToken: token, clock: movingClock(at) });
    started.push(platform);
    return platform;
  };
  const conditions: Record<string, () => Promise<DemoPlatform>> = {
    "same hour": () => freshPlatform(runTimes["same hour"]),
    "other hour": () => freshPlatform(runTimes["other hour"]),
    "busy platform": async () => {
      const platform = await freshPlatform(runTimes["same hour"]);
      await captureDemoService(platform, "order", token);
      return platform;
    },
  };
  const projects: { name: string; testDir: string; baseURL: string }[] = [];
  for (const variant of variants) {
    for (const service of serviceNames) {
      for (const [when, start] of Object.entries(conditions)) {
        projects.push({
          name: `${variant}|${service}|${when}`,
          testDir: join(workDir, variant, service),
          baseURL: (await start()).services[service].url,
        });
      }
    }
    for (const [index, broken] of breaks.entries()) {
      const platform = await freshPlatform(runTimes["same hour"]);
      const proxy = await startMutatingProxy({
        target: platform.services[broken.service].url,
        mutate: broken.mutate,
      });
      started.push(proxy);
      projects.push({
        name: `${variant}|${broken.service}|break ${index}`,
        testDir: join(workDir, variant, broken.service),
        baseURL: proxy.url,
      });
    }
  }
  const results = await runPlaywright(projects);

  // 5. Figures.
  const figures = variants.map((variant) => {
    const tests = (when: string) =>
      [...results].filter(([key]) => key.startsWith(`${variant}|`) && key.includes(`|${when}|`));
    const total = tests("same hour").length;
    const compiling = tests("same hour").filter(([key]) => !typeErrors.has(fileOf(key)));
    const passed = (when: string) =>
      tests(when).filter(([key, status]) => status === "passed" && !typeErrors.has(fileOf(key)))
        .length;
    const baseline = new Map(
      tests("same hour").map(([key, status]) => [key.replace("|same hour|", "|"), status]),
    );
    const caught = breaks.map((broken, index) => {
      const failing = [...results].filter(
        ([key, status]) =>
          key.startsWith(`${variant}|${broken.service}|break ${index}|`) &&
          status !== "passed" &&
          baseline.get(key.replace(`|break ${index}|`, "|")) === "passed",
      );
      return {
        break: broken.name,
        failingTests: failing.length,
        tests: failing.map(([key]) => key.split("|").slice(3).join(": ")),
      };
    });
    const specs = serviceNames.flatMap(
      (service) => conversions.get(`${variant}/${service}`)!.specs,
    );
    return {
      variant,
      specs: specs.length,
      tests: total,
      assertions: specs.reduce(
        (sum, spec) => sum + (spec.text.match(/\bexpect\(/g) ?? []).length,
        0,
      ),
      compileShare: share(compiling.length, total),
      passShareSameHour: share(passed("same hour"), total),
      passShareOtherHour: share(passed("other hour"), total),
      passShareBusyPlatform: share(passed("busy platform"), total),
      breaksCaught: caught.filter((entry) => entry.failingTests > 0).length,
      failingTestsPerBreak: caught,
    };
  });
  const tokens = {
    requestsConverted,
    prompts,
    promptTokens,
    completionTokens,
    promptTokensPerRequest: Math.round(promptTokens / Math.max(1, requestsConverted)),
  };

  console.log(
    `\nconvert --llm on demo platform captures (${requestsConverted} requests, 3 services)\n`,
  );
  console.log(
    "variant        specs  tests  expects  compile  pass: same hour  other hour  busy platform  breaks caught",
  );
  for (const figure of figures) {
    console.log(
      `${figure.variant.padEnd(14)} ${String(figure.specs).padStart(5)} ${String(figure.tests).padStart(6)} ${String(figure.assertions).padStart(8)} ${pct(figure.compileShare).padStart(8)} ${pct(figure.passShareSameHour).padStart(16)} ${pct(figure.passShareOtherHour).padStart(11)} ${pct(figure.passShareBusyPlatform).padStart(14)} ${`${figure.breaksCaught}/${breaks.length}`.padStart(14)}`,
    );
  }
  console.log("\nfailing tests per broken field (tests that passed on the intact platform)");
  console.log(`${"break".padEnd(58)} deterministic  refined`);
  breaks.forEach((broken, index) => {
    const counts = figures.map((figure) =>
      String(figure.failingTestsPerBreak[index]!.failingTests),
    );
    console.log(`${broken.name.padEnd(58)} ${counts[0]!.padStart(13)} ${counts[1]!.padStart(8)}`);
  });
  console.log(
    `\nprompts: ${prompts}, prompt tokens: ${promptTokens} (${tokens.promptTokensPerRequest} per request converted), completion tokens: ${completionTokens}`,
  );
  console.log(JSON.stringify({ bench: "llm-evaluation", figures, tokens }));
} finally {
  await stopAll();
}

function movingClock(start: number): () => Date {
  const origin = Date.now();
  return () => new Date(start + (Date.now() - origin));
}

function share(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000;
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

/** `variant|service|when|file|title` → `variant/service/file`. */
function fileOf(key: string): string {
  const [variant, service, , file] = key.split("|");
  return `${variant}/${service}/${file}`;
}

async function filesWithTypeErrors(): Promise<Set<string>> {
  const { output } = await typeCheck(workDir);
  const files = new Set<string>();
  for (const match of output.matchAll(/^(.+?\.ts)\(\d+,\d+\): error/gm)) {
    files.add(relative(workDir, join(repositoryRoot, match[1]!)).split(sep).join("/"));
  }
  return files;
}

/** Every test's last status, keyed `project|file|title` (project is `variant|service|when`). */
async function runPlaywright(projects: readonly SpecProject[]): Promise<Map<string, string>> {
  const config = await writePlaywrightConfig({ dir: workDir, projects, timeoutMs: 15_000 });
  // Failing tests are what the breaks are for; the report says which.
  const { tests } = await runPlaywrightConfig(
    config,
    Object.fromEntries(serviceNames.map((s) => [`${s.toUpperCase()}_AUTHORIZATION_TOKEN`, token])),
  );
  return new Map(
    tests.map((test) => [`${test.project}|${test.file}|${test.title}`, test.status ?? ""]),
  );
}
