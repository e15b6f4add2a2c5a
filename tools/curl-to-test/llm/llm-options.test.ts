import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { LlmOptionsError, personalDataKinds, resolveLlmOptions } from "./llm-options.ts";
import { estimatedCostUsd } from "./model-prices.ts";
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
  it("prices known models, dated versions included, and not unknown ones", () => {
    const tokens = { promptTokens: 1_000_000, completionTokens: 1_000_000 };
    assert.equal(estimatedCostUsd("gpt-4o-mini", tokens), 0.75);
    assert.equal(estimatedCostUsd("gpt-4o-mini-2024-07-18", tokens), 0.75);
    assert.equal(estimatedCostUsd("gpt-4o-2024-08-06", tokens), 12.5);
    assert.equal(estimatedCostUsd("llama3.1:8b", tokens), null);
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
      usageSummary(usage),
      "llm: 3 prompts (1 sent, 1 from cache, 1 failed), 3,120 prompt + 410 completion tokens, about $0.0007 (gpt-4o-mini)",
    );
    assert.match(
      usageSummary({ ...usage, model: "local-model" }),
      /no price known \(local-model\)$/,
    );
  });
});
