import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LlmOptionsError, personalDataKinds, resolveLlmOptions } from "./llm-options.ts";
import { estimatedCostUsd } from "./token-cost.ts";
import { usageSummary } from "./usage-summary.ts";

describe("resolveLlmOptions", () => {
  it("has defaults that need only a key", () => {
    const options = resolveLlmOptions({}, {});
    assert.equal(options.model, "gpt-4o-mini");
    assert.equal(options.apiKey, undefined);
    assert.equal(options.cacheDir, ".qaops/llm-cache");
    assert.deepEqual(options.mask, [...personalDataKinds]);
  });

  it("takes an explicit option over the env var, and the env var over the default", () => {
    const env = { QAOPS_LLM_MODEL: "gpt-4.1-mini", QAOPS_LLM_CONCURRENCY: "2" };
    assert.equal(resolveLlmOptions({}, env).model, "gpt-4.1-mini");
    assert.equal(resolveLlmOptions({}, env).concurrency, 2);
    assert.equal(resolveLlmOptions({ model: "gpt-4o" }, env).model, "gpt-4o");
  });

  it("reads the endpoint, key, masking and cache from the environment", () => {
    const options = resolveLlmOptions(
      {},
      {
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
        QAOPS_LLM_MASK: "email, phone",
        QAOPS_LLM_NAME_FIELDS: "buyer,payer",
        QAOPS_LLM_CACHE_DIR: "off",
      },
    );
    assert.equal(options.apiKey, "sk-test");
    assert.equal(options.baseURL, "http://127.0.0.1:11434/v1");
    assert.deepEqual(options.mask, ["email", "phone"]);
    assert.deepEqual(options.nameFields, ["buyer", "payer"]);
    assert.equal(options.cacheDir, null);
    assert.deepEqual(resolveLlmOptions({}, { QAOPS_LLM_MASK: "none" }).mask, []);
  });

  it("names the env var and the bad value", () => {
    assert.throws(
      () => resolveLlmOptions({}, { QAOPS_LLM_TIMEOUT_MS: "soon" }),
      (error: unknown) =>
        error instanceof LlmOptionsError &&
        /^QAOPS_LLM_TIMEOUT_MS is invalid \(.+\): "soon"$/.test(error.message),
    );
    assert.throws(
      () => resolveLlmOptions({}, { QAOPS_LLM_MASK: "email,shoe-size" }),
      /QAOPS_LLM_MASK is invalid/,
    );
    assert.throws(
      () => resolveLlmOptions({}, { OPENAI_BASE_URL: "ftp://example.com" }),
      /OPENAI_BASE_URL is invalid/,
    );
    assert.throws(() => resolveLlmOptions({ concurrency: 0 }, {}), {
      message: /^option concurrency is invalid/,
    });
  });
});

describe("cost accounting", () => {
  it("prices tokens at the configured price, and without one gives no price", () => {
    const tokens = { promptTokens: 1_000_000, completionTokens: 1_000_000 };
    assert.equal(estimatedCostUsd({ input: 0.15, output: 0.6 }, tokens), 0.75);
    assert.equal(estimatedCostUsd({ input: 2.5, output: 10 }, tokens), 12.5);
    assert.equal(estimatedCostUsd(null, tokens), null);
  });

  it("reads the price from QAOPS_LLM_PRICE_PER_MTOKENS, input/output or one for both", () => {
    const price = (value: string) =>
      resolveLlmOptions({}, { QAOPS_LLM_PRICE_PER_MTOKENS: value }).price;
    assert.deepEqual(price("0.15/0.6"), { input: 0.15, output: 0.6 });
    assert.deepEqual(price("2"), { input: 2, output: 2 });
    assert.equal(resolveLlmOptions({}, {}).price, null);
    assert.throws(() => price("cheap"), {
      message: /^QAOPS_LLM_PRICE_PER_MTOKENS is invalid \(must be dollars per million tokens/,
    });
  });

  it("summarises a run in one line", () => {
    const usage = {
      model: "gpt-4o-mini",
      prompts: 3,
      sent: 1,
      cached: 1,
      failed: 1,
      promptTokens: 3120,
      completionTokens: 410,
    };
    assert.equal(
      usageSummary(usage, { input: 0.15, output: 0.6 }),
      "llm: 3 prompts (1 sent, 1 from cache, 1 failed), 3,120 prompt + 410 completion tokens, about $0.0007 (gpt-4o-mini)",
    );
    assert.match(
      usageSummary({ ...usage, model: "local-model" }, null),
      /no price set \(local-model\)$/,
    );
  });
});
