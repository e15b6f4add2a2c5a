import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import type { LlmOptionsInput } from "./llm-options.ts";
import { resolveLlmOptions } from "./llm-options.ts";
import { modelPlanRefiner } from "./refine-plan.ts";
import type { FakeReply } from "./testing/fake-openai-server.ts";
import {
  cacheRoot,
  convertWithModel,
  good,
  inputs,
  useCacheRoot,
  withServer,
} from "./testing/refine-plan-harness.ts";

useCacheRoot();

let deterministic: ConversionResult;
before(async () => {
  deterministic = await convertCaptures({ inputs, service: "order" });
});

describe("fallback to the deterministic plan", () => {
  const fallbackCases: {
    name: string;
    replies: FakeReply[];
    options?: LlmOptionsInput;
    reason: RegExp;
    requests: number;
  }[] = [
    {
      name: "an answer that is not JSON",
      replies: [{ kind: "raw", content: "Sure! Here is your plan: {" }],
      reason: /the answer is not JSON/,
      requests: 1,
    },
    {
      name: "an answer cut off at the server's token limit",
      replies: [{ kind: "raw", content: '{"specs":[{"specId":"s1","ti', finishReason: "length" }],
      reason: /the answer was cut off at the server's token limit after \d+ tokens/,
      requests: 1,
    },
    {
      name: "JSON that is not the schema",
      replies: [{ kind: "json", content: { specs: "none" } }],
      reason: /does not match the plan refinement schema at specs/,
      requests: 1,
    },
    {
      name: "a 429 storm",
      replies: [{ kind: "error", status: 429, headers: { "retry-after": "0" } }],
      options: { maxAttempts: 3 },
      reason: /rate limited \(429\), 3 attempt\(s\)/,
      requests: 3,
    },
    {
      name: "a Retry-After longer than the limit",
      replies: [{ kind: "error", status: 429, headers: { "retry-after": "120" } }],
      options: { maxRetryDelayMs: 5_000 },
      reason: /asked to wait 120 s \(Retry-After\), more than 5 s/,
      requests: 1,
    },
    {
      name: "500 on every attempt",
      replies: [{ kind: "error", status: 500 }],
      options: { maxAttempts: 2 },
      reason: /answered 500.*2 attempt\(s\)/,
      requests: 2,
    },
    {
      name: "answers slower than the timeout",
      replies: [{ kind: "slow", delayMs: 5_000, reply: good }],
      options: { timeoutMs: 150, maxAttempts: 2 },
      reason: /no answer within the timeout, 2 attempt\(s\)/,
      requests: 2,
    },
    {
      name: "a refused key",
      replies: [good],
      options: { apiKey: "wrong-key" },
      reason: /refused the API key \(401\)/,
      requests: 1,
    },
  ];

  for (const scenario of fallbackCases) {
    it(`keeps the deterministic specs on ${scenario.name}, with a warning`, async () => {
      await withServer(scenario.replies, async (server) => {
        const { result } = await convertWithModel(server, scenario.options);
        assert.equal(server.requests.length, scenario.requests);
        assert.deepEqual(result.specs, deterministic.specs);
        assert.equal(result.plan.refinedBy, undefined);
        const llmWarnings = result.warnings.filter((w) => w.message.startsWith("llm:"));
        assert.equal(llmWarnings.length, 1, JSON.stringify(llmWarnings));
        assert.match(llmWarnings[0]!.message, scenario.reason);
        assert.match(llmWarnings[0]!.message, /keep the deterministic plan/);
        assert.ok(!llmWarnings[0]!.message.includes("wrong-key"));
      });
    });
  }

  it("counts the tokens of an answer cut off at the token limit: they were spent", async () => {
    await withServer(
      [{ kind: "raw", content: '{"specs":[{"specId":"s1","ti', finishReason: "length" }],
      async (server) => {
        const { usage } = await convertWithModel(server);
        assert.equal(usage?.failed, 1);
        assert.ok((usage?.promptTokens ?? 0) > 0 && (usage?.completionTokens ?? 0) > 0);
      },
    );
  });

  it("sends nothing without a key or an endpoint", async () => {
    const refiner = modelPlanRefiner(
      resolveLlmOptions({ cacheDir: await mkdtemp(join(cacheRoot, "cache-")) }, {}),
    );
    const result = await convertCaptures({
      inputs,
      service: "order",
      refinePlan: refiner.refinePlan,
    });
    assert.deepEqual(result.specs, deterministic.specs);
    assert.match(result.warnings.at(-1)!.message, /OPENAI_API_KEY is not set: nothing was sent/);
    assert.equal(result.warnings.at(-1)!.code, "llm-not-configured");
  });
});

describe("retries", () => {
  it("honours Retry-After on 429, then applies the answer", async () => {
    await withServer(
      [{ kind: "error", status: 429, headers: { "retry-after": "2" } }, good],
      async (server) => {
        const { result, waits, retries } = await convertWithModel(server);
        assert.equal(server.requests.length, 2);
        assert.deepEqual(waits, [2_000]);
        assert.deepEqual(retries, [
          {
            model: "gpt-4o-mini",
            attempt: 1,
            maxAttempts: 3,
            delayMs: 2_000,
            reason: "rate limited (429)",
          },
        ]);
        assert.deepEqual(result.plan.refinedBy, { model: "gpt-4o-mini" });
      },
    );
  });

  it("backs off exponentially after 500s without Retry-After", async () => {
    await withServer(
      [{ kind: "error", status: 500 }, { kind: "error", status: 503 }, good],
      async (server) => {
        const { result, waits } = await convertWithModel(server, { retryBaseMs: 100 });
        assert.equal(server.requests.length, 3);
        assert.equal(waits.length, 2);
        assert.ok(waits[0]! >= 50 && waits[0]! <= 100, `first wait ${waits[0]}`);
        assert.ok(waits[1]! >= 100 && waits[1]! <= 200, `second wait ${waits[1]}`);
        assert.deepEqual(result.plan.refinedBy, { model: "gpt-4o-mini" });
      },
    );
  });

  it("gets a slow answer within the timeout", async () => {
    await withServer([{ kind: "slow", delayMs: 100, reply: good }], async (server) => {
      const { result } = await convertWithModel(server, { timeoutMs: 5_000 });
      assert.deepEqual(result.plan.refinedBy, { model: "gpt-4o-mini" });
    });
  });
});
