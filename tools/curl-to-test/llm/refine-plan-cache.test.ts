import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { LlmOptionsInput } from "./llm-options.ts";
import { startFakeOpenAiServer } from "./testing/fake-openai-server.ts";
import {
  apiKey,
  cacheRoot,
  convertWithModel,
  good,
  useCacheRoot,
  withServer,
} from "./testing/refine-plan-harness.ts";

useCacheRoot();

describe("the answer cache", () => {
  it("answers a second run from disk: nothing sent, same specs", async () => {
    await withServer([good], async (server) => {
      const cacheDir = await mkdtemp(join(cacheRoot, "shared-"));
      const first = await convertWithModel(server, { cacheDir });
      const second = await convertWithModel(server, { cacheDir });
      assert.equal(server.requests.length, 1);
      assert.deepEqual(second.result.specs, first.result.specs);
      assert.equal(second.usage?.cached, 1);
      assert.equal(second.usage?.sent, 0);
      assert.equal(second.usage?.promptTokens, 0);
    });
  });

  it("keys answers by model: another model asks again", async () => {
    await withServer([good], async (server) => {
      const cacheDir = await mkdtemp(join(cacheRoot, "shared-"));
      await convertWithModel(server, { cacheDir });
      await convertWithModel(server, { cacheDir, model: "gpt-4.1-mini" });
      assert.equal(server.requests.length, 2);
    });
  });

  it("keeps no answer that failed", async () => {
    const cacheDir = await mkdtemp(join(cacheRoot, "shared-"));
    await withServer([{ kind: "raw", content: "not json" }, good], async (server) => {
      await convertWithModel(server, { cacheDir });
      const { result } = await convertWithModel(server, { cacheDir });
      assert.equal(server.requests.length, 2);
      assert.deepEqual(result.plan.refinedBy, { model: "gpt-4o-mini" });
    });
  });
});

describe("batching and concurrency", () => {
  /** Most requests the server had in hand at once, over a run with these options. */
  async function mostInFlight(options: LlmOptionsInput): Promise<{ most: number; sent: number }> {
    let inFlight = 0;
    let most = 0;
    const server = await startFakeOpenAiServer({
      apiKey,
      replies: () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        // Counted down just before the slow answer goes out.
        setTimeout(() => (inFlight -= 1), 80);
        return {
          kind: "slow",
          delayMs: 120,
          reply: {
            kind: "json",
            content: { specs: [], exchanges: [], flows: [], correlations: [] },
          },
        };
      },
    });
    try {
      await convertWithModel(server, options);
      return { most, sent: server.requests.length };
    } finally {
      await server.close();
    }
  }

  it("splits specs into prompts of bounded size", async () => {
    const { sent } = await mostInFlight({ exchangesPerPrompt: 1, concurrency: 2 });
    assert.equal(sent, 2, "the flow (2 exchanges) and the menu go apart");
  });

  it("sends at most `concurrency` prompts at a time", async () => {
    assert.equal((await mostInFlight({ exchangesPerPrompt: 1, concurrency: 1 })).most, 1);
    assert.equal((await mostInFlight({ exchangesPerPrompt: 1, concurrency: 2 })).most, 2);
  });
});
