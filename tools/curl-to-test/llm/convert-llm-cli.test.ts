// `qaops convert --llm`, `--llm-dry-run` and `--from-plan` through the real CLI, with
// OPENAI_BASE_URL pointing at the fake OpenAI-compatible server.
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import * as prettier from "prettier";
import { runQaops } from "../../../test-support/run-qaops.ts";
import type { CommandResult } from "../../../test-support/run-command.ts";
import { convertCaptures } from "../convert-captures.ts";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import { repositoryRoot } from "../testing/repository-tools.ts";
import { planFileName } from "./plan-file.ts";
import { startFakeOpenAiServer } from "./testing/fake-openai-server.ts";
import type { FakeOpenAiServer } from "./testing/fake-openai-server.ts";
import {
  fixturePersonalData,
  fixtureSecrets,
  goodOrderRefinement,
  orderCaptureHar,
} from "./testing/order-capture-fixture.ts";

/** The CLI with no API key but the one a test names. */
function cli(args: readonly string[], env: Record<string, string>): Promise<CommandResult> {
  return runQaops(args, {
    cwd: repositoryRoot,
    env: { ...process.env, OPENAI_API_KEY: "", ...env },
  });
}

describe("qaops convert --llm", () => {
  let dir: string;
  let capture: string;
  let model: FakeOpenAiServer;
  let garbageModel: FakeOpenAiServer;
  let busyModel: FakeOpenAiServer;
  const runs: Record<string, CommandResult> = {};

  const env = (server: FakeOpenAiServer, cacheName: string): Record<string, string> => ({
    OPENAI_API_KEY: "test-key",
    OPENAI_BASE_URL: server.baseURL,
    QAOPS_LLM_PRICE_PER_MTOKENS: "0.15/0.6",
    QAOPS_LLM_CACHE_DIR: join(dir, cacheName),
  });
  const convert = (out: string, ...flags: string[]): string[] => [
    "convert",
    capture,
    "--service",
    "order",
    "--out",
    join(dir, out),
    ...flags,
  ];

  const fromPlan = (plans: string[], service: string, out: string): string[] => [
    "convert",
    ...plans,
    "--service",
    service,
    "--out",
    join(dir, out),
    "--from-plan",
  ];

  // The CLI runs are slow to start, so they go two at a time up front; the tests read them.
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "qaops-convert-llm-"));
    capture = join(dir, "orders.har");
    await writeFile(capture, orderCaptureHar);
    await writeFile(
      join(dir, "broken-plan.json"),
      JSON.stringify({
        version: conversionPlanVersion,
        service: "order",
        envVars: [],
        specs: [{ fileName: "../x.spec.ts" }],
      }),
    );
    model = await startFakeOpenAiServer({
      replies: [{ kind: "json", content: goodOrderRefinement }],
    });
    garbageModel = await startFakeOpenAiServer({
      replies: [{ kind: "raw", content: "I cannot help with that." }],
    });
    busyModel = await startFakeOpenAiServer({
      replies: [
        { kind: "error", status: 429, headers: { "retry-after-ms": "20" } },
        { kind: "error", status: 503, headers: { "retry-after": "0" } },
        { kind: "json", content: goodOrderRefinement },
      ],
    });
    const first = {
      dryRun: cli(convert("dry", "--llm-dry-run"), env(model, "dry-cache")),
      refined: cli(convert("refined", "--llm"), env(model, "cache")),
    };
    Object.assign(runs, { dryRun: await first.dryRun, refined: await first.refined });
    const second = {
      again: cli(convert("again", "--llm"), env(model, "cache")),
      fromPlan: cli(fromPlan([join(dir, "refined", planFileName)], "order", "rerendered"), {
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      }),
    };
    Object.assign(runs, { again: await second.again, fromPlan: await second.fromPlan });
    const third = {
      badPlans: cli(
        fromPlan([join(dir, "broken-plan.json"), join(dir, "refined", planFileName)], "eta", "x"),
        {},
      ),
      garbage: cli(convert("garbage", "--llm"), env(garbageModel, "garbage-cache")),
    };
    Object.assign(runs, { badPlans: await third.badPlans, garbage: await third.garbage });
    const fourth = {
      noKey: cli(convert("nokey", "--llm"), { QAOPS_LLM_CACHE_DIR: join(dir, "nokey-cache") }),
      badSetting: cli(convert("bad", "--llm"), { QAOPS_LLM_TIMEOUT_MS: "soon" }),
      busy: cli(convert("busy", "--llm"), env(busyModel, "busy-cache")),
    };
    Object.assign(runs, {
      noKey: await fourth.noKey,
      badSetting: await fourth.badSetting,
      busy: await fourth.busy,
    });
  });
  after(async () => {
    await model.close();
    await garbageModel.close();
    await busyModel.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("prints the exact prompts on --llm-dry-run, and sends and writes nothing", async () => {
    const result = runs.dryRun!;
    assert.equal(result.code, 0, result.stderr);
    await assert.rejects(readdir(join(dir, "dry")), /ENOENT/);
    const body = result.stdout
      .split("\n")
      .filter((line) => !line.startsWith("#"))
      .join("\n");
    const sent = JSON.parse(body) as { model: string; messages: { content: string }[] };
    assert.equal(sent.model, "gpt-4o-mini");
    assert.match(sent.messages[1]!.content, /"url":"\/v1\/orders"/);
    assert.match(result.stdout, /# POST http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions/);
    assert.match(result.stdout, /nothing was sent, no file was written/);
    // Sent: only the --llm run beside it, whose prompt is the one printed here.
    assert.equal(model.requests.length, 1);
    const received = JSON.parse(model.requests[0]!.bodyText) as typeof sent;
    assert.equal(received.messages[1]!.content, sent.messages[1]!.content);
  });

  it("never prints a captured secret or personal data", () => {
    for (const value of [...Object.values(fixtureSecrets), ...Object.values(fixturePersonalData)]) {
      for (const run of Object.values(runs)) {
        assert.ok(!run.stdout.includes(value), `stdout holds ${value}`);
        assert.ok(!run.stderr.includes(value), `stderr holds ${value}`);
      }
    }
  });

  it("writes refined specs and the plan, reports tokens and cost, exit 0", async () => {
    const result = runs.refined!;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /wrote .*\.qaops-plan\.json/);
    assert.match(
      result.stdout,
      /^llm: 1 prompt \(1 sent\), [\d,]+ prompt \+ [\d,]+ completion tokens, about \$0\.\d{4} \(gpt-4o-mini\)$/m,
    );
    assert.match(
      result.stderr,
      /^warning: .*orders\.har:\d+:\d+: llm: model's business rule "grand total" rejected/m,
    );
    const planText = await readFile(join(dir, "refined", planFileName), "utf8");
    const prettierOptions =
      (await prettier.resolveConfig(join(repositoryRoot, "package.json"))) ?? {};
    assert.ok(
      await prettier.check(planText, { ...prettierOptions, filepath: join(dir, planFileName) }),
      "the plan file is formatted as prettier --check expects",
    );
    const plan = JSON.parse(planText) as { refinedBy?: { model: string } };
    assert.deepEqual(plan.refinedBy, { model: "gpt-4o-mini" });
    const spec = await readFile(join(dir, "refined", "create-order-flow.spec.ts"), "utf8");
    assert.match(spec, /(business rule|invariant): total = subtotal \+ deliveryFee/);
  });

  it("answers a re-run from the cache: nothing sent, same specs", async () => {
    const result = runs.again!;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stdout,
      /^llm: 1 prompt \(0 sent, 1 from cache\), 0 prompt \+ 0 completion tokens/m,
    );
    assert.equal(
      await readFile(join(dir, "again", "create-order-flow.spec.ts"), "utf8"),
      await readFile(join(dir, "refined", "create-order-flow.spec.ts"), "utf8"),
    );
  });

  it("renders a saved plan again with --from-plan, without any model", async () => {
    assert.equal(runs.fromPlan!.code, 0, runs.fromPlan!.stderr);
    for (const file of ["create-order-flow.spec.ts", "get-shop-menu.spec.ts", ".env.example"]) {
      assert.equal(
        await readFile(join(dir, "rerendered", file), "utf8"),
        await readFile(join(dir, "refined", file), "utf8"),
        file,
      );
    }
    const bad = runs.badPlans!;
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /broken-plan\.json:1:1: at specs\.0\.fileName: a file name ending in \.spec\.ts/,
    );
    assert.match(bad.stderr, /the plan is for service "order", not "eta"/);
  });

  it("falls back to the deterministic specs with a warning and exit 0 on garbage", async () => {
    const result = runs.garbage!;
    assert.equal(result.code, 0, result.stderr);
    assert.match(
      result.stderr,
      /^warning: .*: llm: no usable answer: the answer is not JSON; the tests keep the deterministic plan$/m,
    );
    const deterministic = await convertCaptures({
      inputs: [{ name: capture, text: orderCaptureHar }],
      service: "order",
    });
    for (const spec of deterministic.specs) {
      assert.equal(await readFile(join(dir, "garbage", spec.fileName), "utf8"), spec.text);
    }
  });

  it("says each retry on stderr while the endpoint is busy, then uses the answer", async () => {
    const result = runs.busy!;
    assert.equal(result.code, 0, result.stderr);
    assert.equal(busyModel.requests.length, 3);
    const retryLines = result.stderr.split("\n").filter((line) => line.includes("retry"));
    assert.deepEqual(retryLines, [
      "llm: gpt-4o-mini: rate limited (429); retry 1 of 2 in 0.0 s",
      "llm: gpt-4o-mini: the endpoint answered 503: scripted 503; retry 2 of 2 in 0.0 s",
    ]);
    const plan = JSON.parse(await readFile(join(dir, "busy", planFileName), "utf8")) as {
      refinedBy?: { model: string };
    };
    assert.deepEqual(plan.refinedBy, { model: "gpt-4o-mini" });
  });

  it("falls back with a warning and exit 0 when no key is set", () => {
    const result = runs.noKey!;
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /llm: OPENAI_API_KEY is not set: nothing was sent/);
  });

  it("refuses a bad setting as a usage error (exit 2), naming it", () => {
    const result = runs.badSetting!;
    assert.equal(result.code, 2);
    assert.match(result.stderr, /error: QAOPS_LLM_TIMEOUT_MS is invalid/);
  });
});
