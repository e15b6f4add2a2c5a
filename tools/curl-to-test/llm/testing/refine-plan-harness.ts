import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before } from "node:test";
import { convertCaptures } from "../../convert-captures.ts";
import type { ConversionResult } from "../../convert-captures.ts";
import type { PlannedSpec } from "../../plan/conversion-plan.ts";
import type { RetryNotice } from "../chat-completion-sender.ts";
import type { LlmOptionsInput } from "../llm-options.ts";
import { resolveLlmOptions } from "../llm-options.ts";
import { modelPlanRefiner } from "../refine-plan.ts";
import type { LlmUsage } from "../refine-plan.ts";
import { startFakeOpenAiServer } from "./fake-openai-server.ts";
import type { FakeOpenAiServer, FakeReply } from "./fake-openai-server.ts";
import { goodOrderRefinement, orderCaptureHar } from "./order-capture-fixture.ts";

export const inputs = [{ name: "orders.har", text: orderCaptureHar }];
export const apiKey = "test-key-not-secret";
export const good: FakeReply = { kind: "json", content: goodOrderRefinement };

/** The current test file's cache folder, set by `useCacheRoot`. */
export let cacheRoot: string;

/** Gives the calling test file a temporary folder for answer caches, removed after its tests. */
export function useCacheRoot(): void {
  before(async () => {
    cacheRoot = await mkdtemp(join(tmpdir(), "qaops-llm-"));
  });
  after(async () => {
    await rm(cacheRoot, { recursive: true, force: true });
  });
}

/** Converts the fixture with the model at `server`; a fresh cache folder unless one is given. */
export async function convertWithModel(
  server: FakeOpenAiServer,
  options: LlmOptionsInput = {},
): Promise<{
  result: ConversionResult;
  usage: LlmUsage | null;
  waits: number[];
  retries: RetryNotice[];
}> {
  const waits: number[] = [];
  const retries: RetryNotice[] = [];
  const refiner = modelPlanRefiner(
    resolveLlmOptions(
      {
        apiKey,
        baseURL: server.baseURL,
        cacheDir: await mkdtemp(join(cacheRoot, "cache-")),
        retryBaseMs: 10,
        ...options,
      },
      {},
    ),
    {
      onProgress: (progress) => {
        if (progress.retrying) retries.push(progress.retrying);
      },
      sleep: async (ms) => {
        waits.push(ms);
        await new Promise((done) => setTimeout(done, Math.min(ms, 50)));
      },
    },
  );
  const result = await convertCaptures({
    inputs,
    service: "order",
    refinePlan: refiner.refinePlan,
  });
  return { result, usage: refiner.usage(), waits, retries };
}

export async function withServer<T>(
  replies: FakeReply[],
  work: (server: FakeOpenAiServer) => Promise<T>,
): Promise<T> {
  const server = await startFakeOpenAiServer({ replies, apiKey });
  try {
    return await work(server);
  } finally {
    await server.close();
  }
}

export function spec(result: ConversionResult, fileName: string): PlannedSpec {
  const found = result.plan.specs.find((candidate) => candidate.fileName === fileName);
  assert.ok(found, `plan has ${fileName}: ${result.plan.specs.map((s) => s.fileName).join(", ")}`);
  return found;
}

export function specText(result: ConversionResult, fileName: string): string {
  const found = result.specs.find((candidate) => candidate.fileName === fileName);
  assert.ok(found, `rendered ${fileName}`);
  return found.text;
}
