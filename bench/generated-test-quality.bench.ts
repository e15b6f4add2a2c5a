// Do generated tests stay green on every re-run, and do they catch contract breaks? Journeys
// of the demo platform (orders with an idempotency key, ETA settings read back, recommendations)
// are captured as a QA engineer would (HAR with responses; the order journey also as cURL
// commands), converted with the capture replayed against the live platform, and then:
//   stability  every generated test run 3 times in a row against that one live platform, no
//              restart in between: the share of tests that pass all 3 runs;
//   mutation   single-field contract breaks made by a proxy between tests and a fresh
//              platform: the share of breaks that make at least one test fail (that passed on
//              an intact platform), with the inferred invariants and without them (the same
//              plan, rules removed), beside each other.
// Conversion is `convert --record URL --verify URL`: the capture replayed 3 times, the specs
// run 3 times and what failed on some runs demoted; the stability runs come after that.
//   node bench/generated-test-quality.bench.ts   (QUALITY_BENCH_OUTPUT=1 prints Playwright's output)
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { startDemoPlatform } from "../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../src/demo-platform/platform.ts";
import { convertCaptures } from "../tools/curl-to-test/convert-captures.ts";
import { startMutatingProxy } from "../tools/curl-to-test/llm/testing/mutating-proxy.ts";
import type { MutatingProxy } from "../tools/curl-to-test/llm/testing/mutating-proxy.ts";
import type { ConversionPlan } from "../tools/curl-to-test/plan/conversion-plan.ts";
import { captureReplayer } from "../tools/curl-to-test/record/replay-capture.ts";
import { renderConversion } from "../tools/curl-to-test/render/render-conversion.ts";
import { captureJourneys } from "../tools/curl-to-test/testing/demo-journeys.ts";
import type { JourneyCapture } from "../tools/curl-to-test/testing/demo-journeys.ts";
import { contractBreaks } from "../tools/curl-to-test/testing/contract-breaks.ts";
import type { SpecProject } from "../tools/curl-to-test/testing/playwright-projects.ts";
import { repositoryWorkDir, typeCheck } from "../tools/curl-to-test/testing/repository-tools.ts";
import { verifyConversion } from "../tools/curl-to-test/verify/verify-conversion.ts";
import { writeConversion } from "../tools/curl-to-test/write-conversion.ts";
import { specProjectStatuses } from "./lib/spec-project-statuses.ts";

const workDir = repositoryWorkDir("generated-test-quality");
const token = "quality-bench-token";
const stabilityRuns = 3;
const variants = ["invariants", "no invariants"] as const;

const started: { close(): Promise<void> }[] = [];
try {
  await rm(workDir, { recursive: true, force: true });
  started.push({ close: () => rm(workDir, { recursive: true, force: true }) });
  const live = await platform();

  // 1. Capture the journeys and convert them, replaying each capture against the live platform.
  const captures = await captureJourneys(live, token);
  const folders: { capture: JourneyCapture; variant: string; dir: string }[] = [];
  let warnings = 0;
  let demotions = 0;
  for (const capture of captures) {
    const result = await convertCaptures({
      inputs: [{ name: capture.name, text: capture.text }],
      service: capture.service,
      recordResponses: captureReplayer({ target: live.services[capture.service].url }),
    });
    warnings += result.warnings.length;
    for (const warning of result.warnings)
      console.error(`warning: ${capture.name}: ${warning.message}`);
    for (const variant of variants) {
      const dir = join(workDir, slug(variant), capture.name.replace(".", "-"));
      let plan = variant === "invariants" ? result.plan : withoutRules(result.plan);
      let specs = variant === "invariants" ? result.specs : await renderConversion(plan);
      await writeConversion({ outDir: dir, specs, envVars: plan.envVars });
      // As `convert --verify URL` does: 3 runs against the live platform, unstable parts demoted.
      const verified = await verifyConversion({
        plan,
        specs,
        outDir: dir,
        baseURL: live.services[capture.service].url,
        runs: 3,
        secrets: result.capturedSecrets,
      });
      demotions += verified.changes.length;
      for (const change of verified.changes)
        console.error(`verify: ${capture.name}: ${change.message}`);
      if (verified.demoted) {
        ({ plan, specs } = verified.demoted);
        await writeConversion({ outDir: dir, specs, envVars: plan.envVars });
      }
      folders.push({ capture, variant, dir });
    }
  }
  const typeErrors = (await typeCheck(workDir)).code !== 0;

  // 2. Stability: 3 runs in a row against the platform the captures came from.
  const stable = new Map<string, number>();
  for (let run = 0; run < stabilityRuns; run += 1) {
    const outcomes = await runProjects(
      folders
        .filter((folder) => folder.variant === "invariants")
        .map((folder) => ({
          name: `run|${folder.capture.name}`,
          testDir: folder.dir,
          baseURL: live.services[folder.capture.service].url,
        })),
    );
    for (const [key, status] of outcomes) {
      stable.set(key, (stable.get(key) ?? 0) + (status === "passed" ? 1 : 0));
    }
  }
  const unstable = [...stable].filter(([, passes]) => passes < stabilityRuns);

  // 3. Mutation: each break behind a proxy in front of a platform of its own (where the
  // journeys ran once before, so lists hold more than the test's own order), beside an intact one.
  const projects: SpecProject[] = [];
  for (const folder of folders) {
    const intact = await usedPlatform();
    projects.push({
      name: `${folder.variant}|${folder.capture.name}|intact`,
      testDir: folder.dir,
      baseURL: intact.services[folder.capture.service].url,
    });
  }
  const breaks = contractBreaks();
  const changedResponses = breaks.map(() => 0);
  const proxies: { index: number; proxy: MutatingProxy }[] = [];
  for (const [index, broken] of breaks.entries()) {
    for (const folder of folders.filter((f) => f.capture.service === broken.service)) {
      const target = await usedPlatform();
      const proxy = await startMutatingProxy({
        target: target.services[broken.service].url,
        mutate: broken.mutate,
      });
      started.push(proxy);
      proxies.push({ index, proxy });
      projects.push({
        name: `${folder.variant}|${folder.capture.name}|break ${index}`,
        testDir: folder.dir,
        baseURL: proxy.url,
      });
    }
  }
  const outcomes = await runProjects(projects);
  for (const { index, proxy } of proxies) changedResponses[index]! += proxy.mutated;
  const caught = variants.map((variant) =>
    breaks.map((_, index) =>
      [...outcomes].some(([key, status]) => {
        const [keyVariant, , condition] = key.split("|");
        if (keyVariant !== variant || condition !== `break ${index}` || status === "passed") {
          return false;
        }
        return outcomes.get(key.replace(`|break ${index}|`, "|intact|")) === "passed";
      }),
    ),
  );

  const tests = stable.size;
  console.log(`\ngenerated test quality on ${captures.length} demo-platform captures\n`);
  console.log(
    `type-check: ${typeErrors ? "errors (see .qaops)" : "clean"}; converter warnings: ${warnings}; assertions demoted by --verify: ${demotions}`,
  );
  console.log(
    `stability: ${tests - unstable.length}/${tests} tests passed ${stabilityRuns} runs in a row against one live platform`,
  );
  for (const [key, passes] of unstable)
    console.log(`  unstable (${passes}/${stabilityRuns}): ${key}`);
  console.log(`\n${"contract break".padEnd(64)} invariants  no invariants`);
  breaks.forEach((broken, index) => {
    const mark = (hit: boolean | undefined) => (hit ? "caught" : "missed");
    // A break whose proxy changed no response (a list too short to reverse) had nothing to catch.
    const note = changedResponses[index] === 0 ? "  (no response changed)" : "";
    console.log(
      `${broken.name.padEnd(64)} ${mark(caught[0]![index]).padStart(10)} ${mark(caught[1]![index]).padStart(14)}${note}`,
    );
  });
  const score = caught.map((hits) => hits.filter(Boolean).length);
  console.log(
    `mutation score: ${score[0]}/${breaks.length} (${pct(score[0]! / breaks.length)}) with invariants, ${score[1]}/${breaks.length} (${pct(score[1]! / breaks.length)}) without`,
  );
  console.log(
    JSON.stringify({
      bench: "generated-test-quality",
      tests,
      stableTests: tests - unstable.length,
      runs: stabilityRuns,
      breaks: breaks.length,
      caughtWithInvariants: score[0],
      caughtWithoutInvariants: score[1],
    }),
  );
} finally {
  for (const item of started.reverse()) await item.close();
}

async function platform(): Promise<DemoPlatform> {
  const started_ = await startDemoPlatform({ port: 0, apiToken: token });
  started.push(started_);
  return started_;
}

async function usedPlatform(): Promise<DemoPlatform> {
  const used = await platform();
  await captureJourneys(used, token);
  return used;
}

function withoutRules(plan: ConversionPlan): ConversionPlan {
  const strip = <T extends { rules?: unknown; invariants?: unknown }>(exchange: T): T => {
    const copy = { ...exchange };
    delete copy.rules;
    delete copy.invariants;
    return copy;
  };
  return {
    ...plan,
    specs: plan.specs.map((spec) => ({
      ...spec,
      tests: spec.tests.map((test) =>
        test.kind === "single"
          ? { ...test, exchange: strip(test.exchange) }
          : test.kind === "table"
            ? { ...test, cases: test.cases.map(strip) }
            : { ...test, steps: test.steps.map(strip) },
      ),
    })),
  };
}

async function runProjects(projects: readonly SpecProject[]): Promise<Map<string, string>> {
  const run = await specProjectStatuses({ dir: workDir, projects, timeoutMs: 20_000, token });
  if (process.env.QUALITY_BENCH_OUTPUT) console.error(run.output);
  return run.statuses;
}

function slug(text: string): string {
  return text.replace(/[^a-z0-9]+/g, "-");
}

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}
