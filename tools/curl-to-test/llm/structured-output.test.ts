// Response format negotiation against fakes of the servers teams run locally: llama-cpp-python
// (json_schema refused with its HTTP 500, json_object with a schema taken) and a server that
// takes no response_format at all; through refinePlan and through the real CLI.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { runQaops } from "../../../test-support/run-qaops.ts";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import { repositoryRoot } from "../testing/repository-tools.ts";
import type { LlmOptionsInput } from "./llm-options.ts";
import { resolveLlmOptions } from "./llm-options.ts";
import { modelPlanRefiner } from "./refine-plan.ts";
import { refusesResponseFormat } from "./structured-output.ts";
import { startFakeOpenAiServer } from "./testing/fake-openai-server.ts";
import type { FakeOpenAiServer, ServedResponseFormat } from "./testing/fake-openai-server.ts";
import { goodOrderRefinement, orderCaptureHar } from "./testing/order-capture-fixture.ts";

const inputs = [{ name: "orders.har", text: orderCaptureHar }];
const stepDownWarning =
  /^llm: the endpoint refused response_format json_schema \(the endpoint answered 500: .*Input should be 'text' or 'json_object'.*\); asking with response_format \{"type": "json_object", "schema": …\} instead, for the rest of this run/;

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), "qaops-llm-formats-"));
});
after(() => rm(dir, { recursive: true, force: true }));

async function serverAccepting(accepts: ServedResponseFormat): Promise<FakeOpenAiServer> {
  return startFakeOpenAiServer({
    accepts,
    replies: [{ kind: "json", content: goodOrderRefinement }],
  });
}

/** A refiner for one run; `convertTimes` conversions of the fixture go through it. */
async function convertWith(
  server: FakeOpenAiServer,
  options: LlmOptionsInput = {},
  convertTimes = 1,
): Promise<ConversionResult[]> {
  const refiner = modelPlanRefiner(
    resolveLlmOptions(
      { apiKey: "k", baseURL: server.baseURL, cacheDir: null, retryBaseMs: 1, ...options },
      {},
    ),
  );
  const results: ConversionResult[] = [];
  for (let run = 0; run < convertTimes; run += 1) {
    results.push(
      await convertCaptures({ inputs, service: "order", refinePlan: refiner.refinePlan }),
    );
  }
  return results;
}

const llmWarnings = (result: ConversionResult): string[] =>
  result.warnings.map((warning) => warning.message).filter((text) => text.startsWith("llm:"));

describe("against a llama-cpp-python-style server (json_object only)", () => {
  let server: FakeOpenAiServer;
  let results: ConversionResult[];
  before(async () => {
    server = await serverAccepting("json_object");
    // Two prompts per conversion (the flow and the menu), one at a time; two conversions.
    results = await convertWith(server, { exchangesPerPrompt: 1, concurrency: 1 }, 2);
  });
  after(() => server.close());

  it("steps down to json_object with the schema once, and uses the model's answer", () => {
    const [first, second] = results;
    assert.deepEqual(first!.plan.refinedBy, { model: "gpt-4o-mini" });
    const warnings = llmWarnings(first!);
    const codes = first!.warnings.map((warning) => warning.code);
    assert.equal(codes.filter((code) => code === "llm-format-step-down").length, 1);
    assert.match(warnings[0]!, stepDownWarning);
    assert.ok(!codes.includes("llm-no-usable-answer"), warnings.join("\n"));
    assert.ok(
      !llmWarnings(second!).some((text) => text.includes("refused response_format")),
      "the second conversion of the run is told nothing new",
    );
  });

  it("asks with json_schema only the first time, then json_object with the schema", () => {
    assert.deepEqual(
      server.requests.map((request) => request.responseFormat),
      ["json_schema", "json_object", "json_object", "json_object", "json_object"],
    );
    const body = JSON.parse(server.requests[1]!.bodyText) as {
      response_format: { schema: { properties: Record<string, unknown> } };
    };
    assert.deepEqual(Object.keys(body.response_format.schema.properties), [
      "specs",
      "exchanges",
      "flows",
      "correlations",
    ]);
  });

  it("steps down once when prompts in flight are refused together", async () => {
    const together = await serverAccepting("json_object");
    try {
      const [result] = await convertWith(together, { exchangesPerPrompt: 1, concurrency: 2 });
      const refused = llmWarnings(result!).filter((text) => text.includes("refused"));
      assert.equal(refused.length, 1, refused.join("\n"));
      assert.equal(
        together.requests.filter((request) => request.responseFormat === "json_object").length,
        2,
      );
    } finally {
      await together.close();
    }
  });
});

describe("against a server that takes no response_format", () => {
  let server: FakeOpenAiServer;
  let result: ConversionResult;
  before(async () => {
    server = await serverAccepting("text");
    [result] = (await convertWith(server)) as [ConversionResult];
  });
  after(() => server.close());

  it("asks by instructions holding the schema, and applies the checked answer", () => {
    assert.deepEqual(
      server.requests.map((request) => request.responseFormat),
      ["json_schema", "json_object", null],
    );
    const system = server.requests[2]!.messages.find((message) => message.role === "system");
    assert.match(system!.content, /Answer with one JSON object and nothing else/);
    assert.match(system!.content, /"correlations":\{"type":"array"/);
    assert.deepEqual(result.plan.refinedBy, { model: "gpt-4o-mini" });
    const warnings = llmWarnings(result);
    assert.match(warnings[0]!, /refused response_format json_schema \(the endpoint answered 400/);
    assert.match(
      warnings[1]!,
      /refused response_format json_object \(.*\); asking for JSON by instructions in the prompt instead/,
    );
  });
});

describe("what counts as a refusal of the format", () => {
  it("a 500 that does not name the format still retries, and then falls back", async () => {
    const server = await startFakeOpenAiServer({
      replies: [{ kind: "error", status: 500, message: "out of memory" }],
    });
    try {
      const [result] = await convertWith(server, { maxAttempts: 2 });
      assert.equal(server.requests.length, 2);
      assert.ok(server.requests.every((request) => request.responseFormat === "json_schema"));
      assert.match(llmWarnings(result!).join("\n"), /no usable answer: the endpoint answered 500/);
    } finally {
      await server.close();
    }
  });

  it("is not claimed for errors that are not HTTP answers", () => {
    assert.equal(refusesResponseFormat(new Error("response_format json_schema")), false);
  });
});

describe("qaops convert --llm against a json_object-only server", () => {
  it("uses the model's answer instead of falling back, exit 0", async () => {
    const server = await serverAccepting("json_object");
    try {
      const capture = join(dir, "orders.har");
      await writeFile(capture, orderCaptureHar);
      const out = join(dir, "cli");
      const result = await runQaops(
        ["convert", capture, "--service", "order", "--out", out, "--llm"],
        {
          cwd: repositoryRoot,
          env: {
            ...process.env,
            OPENAI_API_KEY: "",
            OPENAI_BASE_URL: server.baseURL,
            QAOPS_LLM_CACHE_DIR: "off",
          },
        },
      );
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        /^warning: .*orders\.har:\d+:\d+: llm: the endpoint refused response_format json_schema/m,
      );
      assert.doesNotMatch(result.stderr, /no usable answer|deterministic plan/);
      assert.match(result.stdout, /^llm: 1 prompt \(1 sent\)/m);
      const spec = await readFile(join(out, "create-order-flow.spec.ts"), "utf8");
      assert.match(spec, /(business rule|invariant): total = subtotal \+ deliveryFee/);
    } finally {
      await server.close();
    }
  });
});
