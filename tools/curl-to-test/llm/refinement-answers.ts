/**
 * Getting an answer for each refinement prompt: from the on-disk cache when it holds a usable
 * one, otherwise from the endpoint, a few prompts at a time. A failure becomes an outcome with
 * its reason, never an exception.
 */
import pLimit from "p-limit";
import type { ConversionWarning } from "../model/conversion-warning.ts";
import type { SourceLocation } from "../model/captured-request.ts";
import { AnswerCache } from "./answer-cache.ts";
import type { CachedAnswer } from "./answer-cache.ts";
import { ChatCompletionFailure, chatCompletionSender } from "./chat-completion-sender.ts";
import type { RetryNotice, SendChatCompletion } from "./chat-completion-sender.ts";
import type { LlmOptions } from "./llm-options.ts";
import type { RefinementPrompt } from "./refinement-prompt.ts";
import { parsePlanRefinement } from "./refinement-schema.ts";
import type { PlanRefinement } from "./refinement-schema.ts";
import { StructuredOutputMemory } from "./structured-output.ts";
import type { RefinePlanInput, RefinementProgress } from "./refine-plan.ts";

export type PromptOutcome =
  | { ok: true; answer: CachedAnswer; refinement: PlanRefinement; fromCache: boolean }
  | { ok: false; reason: string; promptTokens: number; completionTokens: number };

/** The cache (null when off), each prompt's key in it, and what it already holds for each. */
export interface CachedPrompts {
  cache: AnswerCache | null;
  keys: string[];
  answers: (CachedAnswer | null)[];
}

export async function cachedPrompts(
  options: LlmOptions,
  prompts: readonly RefinementPrompt[],
): Promise<CachedPrompts> {
  const cache = options.cacheDir === null ? null : new AnswerCache(options.cacheDir);
  const keys = prompts.map((prompt) => AnswerCache.key(options.model, prompt.messages));
  const answers = cache
    ? await Promise.all(keys.map((key) => cache.get(key)))
    : keys.map(() => null);
  return { cache, keys, answers };
}

/** The endpoint's sender; a step down in response format is noted in `formatWarnings`. */
export function refinementSender(
  input: Pick<RefinePlanInput, "options" | "sleep" | "formats">,
  firstSource: SourceLocation,
  formatWarnings: ConversionWarning[],
): SendChatCompletion {
  const options = input.options;
  return chatCompletionSender({
    // A local OpenAI-compatible server (vLLM, Ollama) may need no key; the client needs one.
    apiKey: options.apiKey ?? "no-key",
    baseURL: options.baseURL,
    model: options.model,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    retryBaseMs: options.retryBaseMs,
    maxRetryDelayMs: options.maxRetryDelayMs,
    ...(input.sleep ? { sleep: input.sleep } : {}),
    formats: input.formats ?? new StructuredOutputMemory(),
    onFormatStepDown: (message) =>
      formatWarnings.push({
        code: "llm-format-step-down",
        message: `llm: ${message}`,
        location: firstSource,
      }),
  });
}

/** Every prompt's outcome, `concurrency` at a time, caching fresh answers as they come. */
export async function answerAll(input: {
  prompts: readonly RefinementPrompt[];
  cached: CachedPrompts;
  send: SendChatCompletion;
  concurrency: number;
  progress: (progress: RefinementProgress) => void;
}): Promise<PromptOutcome[]> {
  const { prompts, cached, progress } = input;
  let done = 0;
  progress({ done, total: prompts.length });
  return pLimit(input.concurrency).map(prompts, async (prompt, index) => {
    const outcome = await answerFor({
      prompt,
      cached: cached.answers[index] ?? null,
      send: input.send,
      onRetry: (retrying) => progress({ done, total: prompts.length, retrying }),
    });
    if (outcome.ok && !outcome.fromCache && cached.cache) {
      await cached.cache.set(cached.keys[index]!, outcome.answer);
    }
    done += 1;
    progress({ done, total: prompts.length });
    return outcome;
  });
}

async function answerFor(input: {
  prompt: RefinementPrompt;
  cached: CachedAnswer | null;
  send: SendChatCompletion;
  onRetry: (retrying: RetryNotice) => void;
}): Promise<PromptOutcome> {
  if (input.cached) {
    const parsed = parsePlanRefinement(input.cached.content);
    if (parsed.ok) {
      return { ok: true, answer: input.cached, refinement: parsed.refinement, fromCache: true };
    }
  }
  try {
    const answer = await input.send(input.prompt.messages, { onRetry: input.onRetry });
    const parsed = parsePlanRefinement(answer.content);
    if (!parsed.ok) {
      return {
        ok: false,
        reason: parsed.reason,
        promptTokens: answer.promptTokens,
        completionTokens: answer.completionTokens,
      };
    }
    return { ok: true, answer, refinement: parsed.refinement, fromCache: false };
  } catch (error) {
    if (!(error instanceof ChatCompletionFailure)) throw error;
    return { ok: false, reason: error.message, ...error.usage };
  }
}
