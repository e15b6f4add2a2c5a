/**
 * Sends one chat completion request asking for the answer's JSON schema to any
 * OpenAI-compatible endpoint, through the `openai` client. The way the schema is asked for is
 * negotiated (structured-output.ts): a refusal of the `response_format` steps down to the next
 * way at once, without counting as an attempt. Retries run on p-retry (the client's are off) so
 * that they are bounded and visible: 429, 5xx, timeouts and lost connections retry with
 * exponential backoff, honouring `Retry-After` (and `retry-after-ms`) up to a limit; anything
 * else fails at once. Failures are `ChatCompletionFailure`s whose message is a sentence for a `warning:` line
 * and never holds the key.
 */
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError } from "openai";
import type { ChatCompletion } from "openai/resources/chat/completions";
import pRetry, { AbortError } from "p-retry";
import type { ChatMessage } from "./refinement-prompt.ts";
import {
  StructuredOutputMemory,
  messagesFor,
  refusesResponseFormat,
  responseFormatFor,
  stepDownMessage,
} from "./structured-output.ts";
import type { StructuredOutputFormat } from "./structured-output.ts";

export interface ChatCompletionAnswer {
  content: string;
  promptTokens: number;
  completionTokens: number;
  /** Attempts it took, the successful one included. */
  attempts: number;
}

export interface ChatCompletionSenderOptions {
  apiKey: string;
  baseURL?: string | undefined;
  model: string;
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  maxRetryDelayMs: number;
  /** Waits between attempts; tests may shorten it. */
  sleep?: (ms: number) => Promise<void>;
  /** The format each (endpoint, model) takes, shared by every prompt of a run. */
  formats?: StructuredOutputMemory;
  /** Told once per step down to another format, with a sentence for a `warning:` line. */
  onFormatStepDown?: (message: string) => void;
}

/** A wait before another attempt, told to the sender's caller, e.g. to show progress. */
export interface RetryNotice {
  model: string;
  /** The attempt that failed, counting from 1. */
  attempt: number;
  maxAttempts: number;
  delayMs: number;
  reason: string;
}

export type SendChatCompletion = (
  messages: readonly ChatMessage[],
  hooks?: { onRetry?: (retry: RetryNotice) => void },
) => Promise<ChatCompletionAnswer>;

export class ChatCompletionFailure extends Error {
  override name = "ChatCompletionFailure";
  /** Tokens the endpoint reported for an answer that came but cannot be used (else 0). */
  readonly usage: { promptTokens: number; completionTokens: number };

  constructor(message: string, usage = { promptTokens: 0, completionTokens: 0 }) {
    super(message);
    this.usage = usage;
  }
}

/**
 * The exact JSON body POSTed to `/chat/completions`; with the first format, what
 * `--llm-dry-run` prints.
 */
export function chatCompletionBody(
  model: string,
  messages: readonly ChatMessage[],
  format: StructuredOutputFormat = "json_schema",
) {
  return {
    model,
    temperature: 0,
    messages: messagesFor(format, messages),
    ...responseFormatFor(format),
  };
}

export function chatCompletionSender(options: ChatCompletionSenderOptions): SendChatCompletion {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL ?? null,
    timeout: options.timeoutMs,
    maxRetries: 0,
    logLevel: "off",
  });
  const sleep = options.sleep ?? ((ms: number) => new Promise((done) => setTimeout(done, ms)));
  const formats = options.formats ?? new StructuredOutputMemory();
  const endpoint = client.baseURL;
  return (messages, hooks = {}) => {
    let attempt = 0;
    return pRetry(
      async () => {
        attempt += 1;
        const completion = await createCompletion(messages);
        try {
          return { ...answerOf(completion), attempts: attempt };
        } catch (error) {
          // An answer that came but cannot be used is not asked again.
          throw new AbortError(error as ChatCompletionFailure);
        }
      },
      {
        retries: options.maxAttempts - 1,
        // The waits are taken in onFailedAttempt: a Retry-After or the jittered backoff decides
        // them, and an injected `sleep` keeps tests off the clock.
        minTimeout: 0,
        onFailedAttempt: ({ error, retriesLeft }) =>
          waitBeforeRetry({ error, attempt, retriesLeft, options, hooks, sleep }),
      },
    );
  };

  /**
   * One attempt: a refusal of the `response_format` steps down to the next way of asking at
   * once (bounded: the list of ways ends), without counting as an attempt.
   */
  async function createCompletion(messages: readonly ChatMessage[]): Promise<ChatCompletion> {
    for (;;) {
      const format = formats.current(endpoint, options.model);
      try {
        return await client.chat.completions.create(
          chatCompletionBody(options.model, messages, format),
        );
      } catch (error) {
        if (!stepDown(format, error)) throw new FailedTry(error);
      }
    }
  }

  /** Steps down to the next format when this one was refused; tells of the first step only. */
  function stepDown(format: StructuredOutputFormat, error: unknown): boolean {
    if (!refusesResponseFormat(error)) return false;
    const step = formats.stepDown(endpoint, options.model, format);
    if (!step) return false;
    if (step.first) {
      options.onFormatStepDown?.(stepDownMessage(format, step.next, failureReason(error)));
    }
    return true;
  }
}

/** Says the retry to come, then waits as a Retry-After or the jittered backoff decides. */
async function waitBeforeRetry(input: {
  error: unknown;
  attempt: number;
  retriesLeft: number;
  options: ChatCompletionSenderOptions;
  hooks: { onRetry?: (retry: RetryNotice) => void };
  sleep: (ms: number) => Promise<unknown>;
}): Promise<void> {
  const { attempt, retriesLeft, options } = input;
  const cause = input.error instanceof FailedTry ? input.error.cause : input.error;
  const delayMs = retryDelayMs(cause, { attempt, retriesLeft, options });
  input.hooks.onRetry?.({
    model: options.model,
    attempt,
    maxAttempts: options.maxAttempts,
    delayMs,
    reason: failureReason(cause),
  });
  await input.sleep(delayMs);
}

/** Wraps what one attempt threw, so p-retry never treats it as its own (a `TypeError` ends it). */
class FailedTry extends Error {
  override name = "FailedTry";

  constructor(cause: unknown) {
    super(failureReason(cause), { cause });
  }
}

/** The wait before the next attempt, or the failure to give up with. */
function retryDelayMs(
  error: unknown,
  context: { attempt: number; retriesLeft: number; options: ChatCompletionSenderOptions },
): number {
  const { attempt, retriesLeft, options } = context;
  const reason = failureReason(error);
  if (!retryable(error)) throw new ChatCompletionFailure(reason);
  if (retriesLeft === 0) throw new ChatCompletionFailure(`${reason}, ${attempt} attempt(s)`);
  const asked = retryAfterMs(error);
  if (asked !== null && asked > options.maxRetryDelayMs) {
    throw new ChatCompletionFailure(
      `${reason}, and the server asked to wait ${Math.ceil(asked / 1000)} s (Retry-After), more than ${Math.ceil(options.maxRetryDelayMs / 1000)} s`,
    );
  }
  return asked ?? backoffMs(options.retryBaseMs, attempt, options.maxRetryDelayMs);
}

/** The answer's text and usage, or why there is none. */
function answerOf(completion: ChatCompletion): Omit<ChatCompletionAnswer, "attempts"> {
  const choice = completion.choices[0];
  const content = choice?.message.content;
  if (typeof content !== "string" || content === "") {
    const refusal = choice?.message.refusal;
    throw new ChatCompletionFailure(
      refusal ? `the model refused: ${short(refusal)}` : "the answer has no content",
    );
  }
  const usage = {
    promptTokens: completion.usage?.prompt_tokens ?? 0,
    completionTokens: completion.usage?.completion_tokens ?? 0,
  };
  if (choice?.finish_reason === "length") {
    throw new ChatCompletionFailure(
      `the answer was cut off at the server's token limit after ${usage.completionTokens} tokens`,
      usage,
    );
  }
  return { content, ...usage };
}

function retryable(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (!(error instanceof APIError) || error.status === undefined) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}

function failureReason(error: unknown): string {
  if (error instanceof APIConnectionTimeoutError) return "no answer within the timeout";
  if (error instanceof APIConnectionError) return "could not reach the endpoint";
  if (error instanceof APIError && error.status !== undefined) {
    if (error.status === 401) return "the endpoint refused the API key (401)";
    if (error.status === 429) return "rate limited (429)";
    // The client's message starts with the status again ("503 Service Unavailable").
    const message = error.message.replace(new RegExp(`^${error.status}\\s*`), "");
    return `the endpoint answered ${error.status}${message ? `: ${short(message)}` : ""}`;
  }
  return error instanceof Error ? short(error.message) : "unknown failure";
}

/** `retry-after-ms` (OpenAI's), else `Retry-After` in seconds or as an HTTP date; null if none. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  if (!(error instanceof APIError)) return null;
  // The client's `Headers` type is not in this project's libs; only `get` is needed.
  const headers = error.headers as { get(name: string): string | null } | undefined;
  if (!headers) return null;
  const milliseconds = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const header = headers.get("retry-after");
  if (header === null) return null;
  const seconds = Number(header);
  if (header.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with jitter: base·2^(n-1), between half and all of it, capped. */
function backoffMs(baseMs: number, attempt: number, capMs: number): number {
  const full = Math.min(capMs, baseMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + (Math.random() * full) / 2);
}

function short(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}
