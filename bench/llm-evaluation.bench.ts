// What `convert --llm` adds, measured on captures of the demo platform: specs converted without
// a model (the deterministic plan), with a scripted reviewer's answer (a good answer, served by
// the fake OpenAI-compatible server, see tools/curl-to-test/llm/testing/) and with a real small
// model (SmolLM2-135M-Instruct on the CPU through node-llama-cpp, when scripts/lib/local-model.sh
// has installed it) are type-checked and run with Playwright (1) against a fresh platform at the
// capture's time of day, (2) against one at another time of day (a nightly run), (3) on a
// platform that took other orders since, and (4) behind proxies that break the contract in one
// response field each. Prints the share of tests that compile and pass, the tests each break
// makes fail, the model's proposals that validation rejected, and tokens and seconds per
// request sent.
//   node bench/llm-evaluation.bench.ts [--threads 1]   (the local model's CPU threads)
import { rm } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { serviceNames, startDemoPlatform } from "../src/demo-platform/platform.ts";
import type { DemoPlatform, ServiceName } from "../src/demo-platform/platform.ts";
import { captureDemoService } from "../tools/curl-to-test/llm/testing/demo-captures.ts";
import { startFakeOpenAiServer } from "../tools/curl-to-test/llm/testing/fake-openai-server.ts";
import {
  localModelPath,
  localModelUnavailable,
} from "../tools/curl-to-test/llm/testing/local-model.ts";
import { startLocalModelServer } from "../tools/curl-to-test/llm/testing/local-model-server.ts";
import { startMutatingProxy } from "../tools/curl-to-test/llm/testing/mutating-proxy.ts";
import { reviewDemoCapture } from "../tools/curl-to-test/llm/testing/scripted-reviewer.ts";
import {
  repositoryRoot,
  repositoryWorkDir,
  typeCheck,
} from "../tools/curl-to-test/testing/repository-tools.ts";
import { breaks } from "./lib/llm-evaluation-breaks.ts";
import { convertVariant } from "./lib/llm-evaluation-variants.ts";
import type { ModelVariant, VariantConversions } from "./lib/llm-evaluation-variants.ts";
import { median } from "./lib/median.ts";
import { specProjectStatuses } from "./lib/spec-project-statuses.ts";

const workDir = repositoryWorkDir("llm-evaluation");
const token = "llm-evaluation-token";
const localModelName = "SmolLM2-135M-Instruct-Q4_1";
// One by default: llama.cpp's threads wait for each other, so more than the free cores stall it.
const localModelThreads = Number(
  parseArgs({ options: { threads: { type: "string", default: "1" } } }).values.threads,
);

/** Captured at lunch peak in Seoul (12:30 KST); runs at that time the next day, and at 02:00. */
const captureTime = Date.parse("2026-03-02T03:30:00Z");
const runTimes = {
  "same hour": Date.parse("2026-03-03T03:30:00Z"),
  "other hour": Date.parse("2026-03-03T17:00:00Z"),
};

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

  // 2. Convert without a model, with the scripted answer and with the local model.
  const scripted = await startFakeOpenAiServer({
    replies: (request) => ({ kind: "json", content: reviewDemoCapture(request) }),
  });
  started.push(scripted);
  const modelVariants: ModelVariant[] = [
    { name: "deterministic" },
    {
      name: "scripted answer",
      endpoint: { baseURL: scripted.baseURL, model: "gpt-4o-mini", timeoutMs: 60_000 },
    },
  ];
  const unavailable = await localModelUnavailable();
  const localModel = unavailable
    ? null
    : await startLocalModelServer({
        modelPath: localModelPath,
        threads: localModelThreads,
        maxTokens: 384,
        contextSize: 4096,
      });
  if (localModel) {
    started.push(localModel);
    modelVariants.push({
      name: "SmolLM2-135M",
      endpoint: { baseURL: localModel.baseURL, model: localModelName, timeoutMs: 600_000 },
    });
  } else {
    console.log(`local model: not measured, ${unavailable}`);
  }
  await rm(workDir, { recursive: true, force: true });
  started.push({ close: () => rm(workDir, { recursive: true, force: true }) });
  const conversions: VariantConversions[] = [];
  for (const variant of modelVariants) {
    conversions.push(await convertVariant({ variant, captures, workDir }));
  }
  const scriptedWarnings = [...conversions[1]!.results.values()].flatMap((result) =>
    result.warnings.filter((warning) => warning.message.startsWith("llm:")),
  );
  if (scriptedWarnings.length > 0) {
    throw new Error(
      `the scripted answer warned: ${scriptedWarnings.map((w) => w.message).join("; ")}`,
    );
  }
  const variants = modelVariants.map((variant) => variant.name);
  const requestsConverted = [...conversions[0]!.results.values()].reduce(
    (sum, result) => sum + result.requestCount,
    0,
  );

  // 3. Type-check every generated spec.
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
  const { statuses: results } = await specProjectStatuses({
    dir: workDir,
    projects,
    timeoutMs: 15_000,
    token,
  });

  // 5. Figures.
  const figures = conversions.map(({ variant, results: converted, refinement }) => {
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
    const specs = [...converted.values()].flatMap((result) => result.specs);
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
      refinement: refinement && {
        ...refinement,
        medianSecondsPerPrompt: round(median(refinement.secondsPerPrompt)),
        promptTokensPerPrompt: Math.round(
          refinement.promptTokens / Math.max(1, refinement.prompts),
        ),
        completionTokensPerPrompt: Math.round(
          refinement.completionTokens / Math.max(1, refinement.prompts),
        ),
      },
    };
  });
  const generation = localModel?.exchanges.flatMap((exchange) =>
    exchange.answer ? [exchange.answer] : [],
  );

  console.log(
    `\nconvert --llm on demo platform captures (${requestsConverted} requests, 3 services)\n`,
  );
  console.log(
    "variant            specs  tests  expects  compile  pass: same hour  other hour  busy platform  breaks caught",
  );
  for (const figure of figures) {
    console.log(
      `${figure.variant.padEnd(18)} ${String(figure.specs).padStart(5)} ${String(figure.tests).padStart(6)} ${String(figure.assertions).padStart(8)} ${pct(figure.compileShare).padStart(8)} ${pct(figure.passShareSameHour).padStart(16)} ${pct(figure.passShareOtherHour).padStart(11)} ${pct(figure.passShareBusyPlatform).padStart(14)} ${`${figure.breaksCaught}/${breaks.length}`.padStart(14)}`,
    );
  }
  console.log("\nfailing tests per broken field (tests that passed on the intact platform)");
  console.log(`${"break".padEnd(58)} ${variants.map((name) => name.padStart(16)).join(" ")}`);
  breaks.forEach((broken, index) => {
    const counts = figures.map((figure) =>
      String(figure.failingTestsPerBreak[index]!.failingTests).padStart(16),
    );
    console.log(`${broken.name.padEnd(58)} ${counts.join(" ")}`);
  });
  console.log(
    "\nmodel              prompts  fell back  rejected  format step-downs  prompt tok/prompt  completion tok/prompt  s/prompt (median)",
  );
  for (const figure of figures) {
    const r = figure.refinement;
    if (!r) continue;
    console.log(
      `${figure.variant.padEnd(18)} ${String(r.prompts).padStart(7)} ${String(r.fellBack).padStart(10)} ${String(r.rejected).padStart(9)} ${String(r.formatStepDowns).padStart(18)} ${String(r.promptTokensPerPrompt).padStart(18)} ${String(r.completionTokensPerPrompt).padStart(22)} ${r.medianSecondsPerPrompt.toFixed(2).padStart(18)}`,
    );
  }
  if (generation && generation.length > 0) {
    const completion = generation.reduce((sum, answer) => sum + answer.completionTokens, 0);
    const seconds = generation.reduce((sum, answer) => sum + answer.seconds, 0);
    console.log(
      `\nSmolLM2-135M on ${localModel!.threads} thread(s): ${generation.length} answers, median ${median(generation.map((answer) => answer.seconds)).toFixed(1)} s each (prompt evaluation included), ${(completion / seconds).toFixed(1)} completion tokens/s overall, ${generation.filter((answer) => answer.finishReason === "length").length} cut off at 384 tokens`,
    );
  }
  console.log(JSON.stringify({ bench: "llm-evaluation", requestsConverted, figures, generation }));
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

function round(value: number): number {
  return Math.round(value * 100) / 100;
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
