// `qaops convert --llm` against a real model: SmolLM2-135M-Instruct run on the CPU by
// node-llama-cpp behind a small OpenAI-compatible server on 127.0.0.1 that takes the answer
// formats llama-cpp-python takes (json_object with a schema, not json_schema), converting a
// capture of the demo platform's order service (a bearer token, a delivery address, a phone
// number in a note). The model is weak; what is checked is that the pipeline survives it: exit 0, nothing
// secret sent, every proposal applied or named as rejected, and what was applied still passes
// against the service the capture came from. Skipped, saying why, only where the model cannot
// be installed (scripts/lib/local-model.sh fetches it).
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runQaops } from "../../../test-support/run-qaops.ts";
import { startDemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { CommandResult } from "../../../test-support/run-command.ts";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionPlan, PlannedExchange } from "../plan/conversion-plan.ts";
import { runPlaywrightConfig, writePlaywrightConfig } from "../testing/playwright-projects.ts";
import { repositoryRoot, repositoryWorkDir, typeCheck } from "../testing/repository-tools.ts";
import { planFileName } from "./plan-file.ts";
import { parsePlanRefinement } from "./refinement-schema.ts";
import type { PlanRefinement } from "./refinement-schema.ts";
import { captureDemoService } from "./testing/demo-captures.ts";
import { localModelPath, localModelUnavailable } from "./testing/local-model.ts";
import { startLocalModelServer } from "./testing/local-model-server.ts";
import type { LocalModelServer } from "./testing/local-model-server.ts";

const unavailable = await localModelUnavailable();
const token = "local-model-test-token-4f9c2a";
/** What the capture holds that must never reach the model. */
const secretValues = [token, "12 Teheran-ro, Gangnam-gu", "010-1234-5678"];
const modelName = "SmolLM2-135M-Instruct-Q4_1";
// Inside the repository so the specs resolve @playwright/test from its node_modules.
const workDir = repositoryWorkDir("llm-local-model");

const title = "qaops convert --llm against a real local model";
// Counted as a skipped test, with its reason, where the model cannot be installed.
if (unavailable !== null) it(title, { skip: unavailable }, () => {});
else
  describe(title, () => {
    let platform: DemoPlatform;
    let model: LocalModelServer;
    let capture: string;
    let captureText: string;
    let run: CommandResult;
    let plan: ConversionPlan;
    let answers: PlanRefinement[];

    before(async () => {
      const capturing = await startDemoPlatform({ port: 0, apiToken: token });
      const har = await captureDemoService(capturing, "order", token);
      await capturing.close();
      // The specs run against a platform as fresh as the captured one was: the order sequence
      // (and so the shard the deterministic plan asserts) starts where the capture's did.
      platform = await startDemoPlatform({ port: 0, apiToken: token });
      model = await startLocalModelServer({
        modelPath: localModelPath,
        // llama.cpp's threads wait for each other at every token: on a busy 2-core machine a
        // second thread made an answer 13 times slower (213 s against 16 s), so one.
        threads: 1,
        maxTokens: 384,
        contextSize: 4096,
        // As llama-cpp-python 0.3 does: json_schema refused, json_object with a schema taken.
        accepts: "json_object",
      });
      await rm(workDir, { recursive: true, force: true });
      const dir = await mkdtemp(join(tmpdir(), "qaops-local-model-"));
      capture = join(dir, "order.har");
      captureText = har;
      await writeFile(capture, har);
      run = await runQaops(
        ["convert", capture, "--service", "order", "--out", join(workDir, "order"), "--llm"],
        {
          cwd: repositoryRoot,
          env: {
            ...process.env,
            OPENAI_API_KEY: "",
            OPENAI_BASE_URL: model.baseURL,
            QAOPS_LLM_MODEL: modelName,
            QAOPS_LLM_CACHE_DIR: "off",
            // One slow attempt on a busy CPU, never a second one queued behind it.
            QAOPS_LLM_TIMEOUT_MS: "480000",
            QAOPS_LLM_MAX_ATTEMPTS: "1",
          },
          timeoutMs: 540_000,
        },
      );
      plan = JSON.parse(
        await readFile(join(workDir, "order", planFileName), "utf8"),
      ) as ConversionPlan;
      answers = model.exchanges.flatMap((exchange) => {
        const parsed = exchange.answer ? parsePlanRefinement(exchange.answer.content) : null;
        return parsed?.ok ? [parsed.refinement] : [];
      });
      await rm(dir, { recursive: true, force: true });
    });

    after(async () => {
      await model?.close();
      await platform?.close();
      await rm(workDir, { recursive: true, force: true });
    });

    it("exits 0 and sends no secret or personal value to the model", () => {
      assert.equal(run.code, 0, run.stderr);
      assert.ok(model.exchanges.length > 0, "the model was asked");
      for (const exchange of model.exchanges) {
        for (const value of secretValues) {
          assert.ok(!exchange.bodyText.includes(value), `a prompt holds ${value}`);
        }
      }
      for (const value of secretValues) assert.ok(!run.stdout.includes(value));
    });

    it("steps down to json_object with the schema once, with a warning", () => {
      assert.deepEqual(
        model.exchanges.map((exchange) => exchange.responseFormat),
        ["json_schema", "json_object"],
      );
      const stepDowns = run.stderr.match(/llm: the endpoint refused response_format json_schema/g);
      assert.equal(stepDowns?.length, 1, run.stderr);
    });

    it("uses the answer when it is the schema's, else keeps the deterministic plan and says why", async () => {
      const answered = model.exchanges.filter((exchange) => exchange.answer !== null);
      if (answers.length === answered.length) {
        assert.deepEqual(plan.refinedBy, { model: modelName });
        assert.match(
          run.stdout,
          /^llm: 1 prompt \(1 sent\), [\d,]+ prompt \+ [\d,]+ completion tokens/m,
        );
        return;
      }
      assert.match(run.stderr, /llm: no usable answer: .*; the tests keep the deterministic plan/);
      const deterministic = await convertCaptures({
        inputs: [{ name: capture, text: captureText }],
        service: "order",
      });
      for (const spec of deterministic.specs) {
        assert.equal(await readFile(join(workDir, "order", spec.fileName), "utf8"), spec.text);
      }
    });

    it("applies each proposed rule, negative case and flow, or names it as rejected", () => {
      const warnings = run.stderr.split("\n").filter((line) => line.includes(": llm: "));
      const rejected = (what: string): boolean =>
        warnings.some((line) => line.includes(`rejected`) && line.includes(what));
      const exchanges = plan.specs.flatMap((spec) =>
        spec.tests.flatMap((test): PlannedExchange[] =>
          test.kind === "single"
            ? [test.exchange]
            : test.kind === "table"
              ? test.cases
              : test.steps,
        ),
      );
      const testTitles = plan.specs.flatMap((spec) =>
        spec.tests.flatMap((test) => (test.kind === "table" ? [] : [start(test.title)])),
      );
      // Applied titles may be shortened, or suffixed with the status or a number to keep them unique.
      const hasTitle = (title: string): boolean =>
        testTitles.some((applied) => applied.startsWith(start(title).slice(0, 30)));
      const rules = exchanges.flatMap((exchange) => exchange.rules ?? []);
      const ruleKeys = new Set(rules.map(ruleKey));
      const ruleDescriptions = new Set(rules.map((rule) => start(rule.description)));
      const unaccounted: string[] = [];
      for (const answer of answers) {
        for (const proposal of answer.exchanges) {
          if (named(warnings, proposal.exchangeId)) continue;
          for (const rule of proposal.businessRules) {
            const applied =
              ruleKeys.has(ruleKey(rule)) || ruleDescriptions.has(start(rule.description));
            if (!applied && !rejected(start(rule.description)))
              unaccounted.push(`rule ${rule.description}`);
          }
          for (const negative of proposal.negativeCases) {
            if (!hasTitle(negative.title) && !rejected(start(negative.title)))
              unaccounted.push(`negative case ${negative.title}`);
          }
        }
        for (const flow of answer.flows) {
          if (!hasTitle(flow.title) && !rejected(start(flow.title)))
            unaccounted.push(`flow ${flow.title}`);
        }
      }
      assert.deepEqual(unaccounted, [], run.stderr);
      for (const line of warnings) {
        assert.match(
          line,
          /^warning: .*order\.har:\d+:\d+: llm: /,
          "every warning names the capture",
        );
      }
    });

    it("writes specs that type-check and whose capture-based tests pass on the service", async () => {
      const config = await writePlaywrightConfig({
        dir: workDir,
        projects: [{ name: "local", testDir: "./order", baseURL: platform.services.order.url }],
      });
      const [typed, playwright] = await Promise.all([
        typeCheck(workDir),
        runPlaywrightConfig(config, { ORDER_AUTHORIZATION_TOKEN: token }),
      ]);
      assert.equal(typed.code, 0, typed.output);
      assert.ok((await readdir(join(workDir, "order"))).some((file) => file.endsWith(".spec.ts")));
      // A negative case asserts what the server answers to a request never captured: the model
      // may guess its status wrong, which a review (or --verify) shows. The rest asserts the capture.
      const negativeTitles = new Set(
        answers.flatMap((answer) =>
          answer.exchanges.flatMap((proposal) =>
            proposal.negativeCases.map((negative) => start(negative.title)),
          ),
        ),
      );
      const failing = playwright.tests.filter(
        (test) => test.status !== "passed" && !negativeTitles.has(start(test.title)),
      );
      assert.ok(playwright.tests.length > 0, "Playwright ran the specs");
      assert.deepEqual(failing, [], JSON.stringify(failing, null, 2));
    });
  });

/** The first 40 characters of a text on one line: titles and descriptions are shortened when applied. */
function start(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, 40);
}

/** A rule without its words: the same rule proposed twice is applied once. */
function ruleKey(rule: object): string {
  const { kind, target, terms, items, factors, floor, field } = rule as Record<string, unknown>;
  return JSON.stringify([kind, target, terms, items, factors, floor, field]);
}

function named(warnings: readonly string[], id: string): boolean {
  return warnings.some((line) => line.includes(`model named exchange ${JSON.stringify(id)}`));
}
