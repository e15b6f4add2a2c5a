/**
 * A small OpenAI-compatible server on 127.0.0.1 (a free port) that answers with a real model:
 * a GGUF file run on the CPU by node-llama-cpp. `response_format` `json_schema`, and
 * `json_object` with a `schema` (llama-cpp-python's form), become a grammar built from the
 * schema, so every answer is JSON of that shape unless it runs out of tokens; `json_object`
 * without a schema gets any JSON; no `response_format`, free text. It may refuse formats as a
 * given server does (llama-cpp-python's refusal of `json_schema`). One answer is generated at a
 * time. It records what it received and answered, so tests can check what left the machine and
 * what the model said.
 */
import { availableParallelism } from "node:os";
import { LlamaChatSession, LlamaLogLevel, getLlama } from "node-llama-cpp";
import type { Llama, LlamaContextSequence, LlamaGrammar } from "node-llama-cpp";
import type { ChatMessage } from "../refinement-prompt.ts";
import { chatCompletion, sendError, sendJson } from "./chat-completion-http.ts";
import type { ServedResponseFormat } from "./chat-completion-http.ts";
import { listenForChatCompletions } from "./chat-completion-route.ts";

export interface LocalModelServerOptions {
  modelPath: string;
  /**
   * CPU threads for generation, capped at the machine's cores. They wait for each other at
   * every token, so more threads than free cores stall it: on a busy machine, use one.
   */
  threads: number;
  /** Most tokens one answer may have; a request's `max_tokens` may lower it. */
  maxTokens: number;
  /** Tokens of prompt and answer together. */
  contextSize: number;
  /** Refuse the formats that server refuses (e.g. `json_object`: llama-cpp-python); default all. */
  accepts?: ServedResponseFormat;
}

export interface LocalModelExchange {
  /** The request body exactly as received. */
  bodyText: string;
  messages: ChatMessage[];
  responseFormat: string | null;
  /** Null when no answer was generated (a refused request). */
  answer: {
    content: string;
    promptTokens: number;
    completionTokens: number;
    finishReason: "stop" | "length";
    seconds: number;
  } | null;
}

export interface LocalModelServer {
  /** For `OPENAI_BASE_URL`, e.g. `http://127.0.0.1:41234/v1`. */
  baseURL: string;
  /** Every chat completion request, in order, with the answer it got. */
  exchanges: LocalModelExchange[];
  /** The threads actually used. */
  threads: number;
  close(): Promise<void>;
}

export async function startLocalModelServer(
  options: LocalModelServerOptions,
): Promise<LocalModelServer> {
  const threads = Math.max(1, Math.min(options.threads, availableParallelism()));
  const loaded = await loadModel({ ...options, threads });
  const grammarFor = grammarCache(loaded.llama);
  const exchanges: LocalModelExchange[] = [];
  // One answer at a time: the model has one sequence.
  let queue: Promise<unknown> = Promise.resolve();
  const route = await listenForChatCompletions({
    ...(options.accepts === undefined ? {} : { accepts: options.accepts }),
    record: ({ bodyText, parsed }) => {
      const exchange: LocalModelExchange = {
        bodyText,
        messages: parsed.ok ? parsed.messages : [],
        responseFormat: parsed.ok ? parsed.responseFormat : null,
        answer: null,
      };
      exchanges.push(exchange);
      return exchange;
    },
    answer: (res, exchange, request) => {
      const abort = new AbortController();
      res.on("close", () => abort.abort());
      const generation = {
        sequence: loaded.sequence,
        messages: request.messages,
        grammar: grammarFor(request.format),
        maxTokens: Math.min(request.maxTokens ?? options.maxTokens, options.maxTokens),
        signal: abort.signal,
      };
      queue = queue.then(async () => {
        try {
          exchange.answer = await answer(generation);
          const id = `chatcmpl-local-${exchanges.length}`;
          sendJson(res, 200, chatCompletion({ id, model: request.model, ...exchange.answer }));
        } catch (error) {
          sendError(res, 500, error instanceof Error ? error.message : String(error));
        }
      });
    },
  });
  return {
    baseURL: route.baseURL,
    exchanges,
    threads,
    async close() {
      await route.close();
      await queue;
      await loaded.dispose();
    },
  };
}

/** The model on the CPU with one sequence of `contextSize` tokens. */
async function loadModel(options: { modelPath: string; contextSize: number; threads: number }) {
  // Prebuilt CPU binary only: nothing is compiled or downloaded at run time.
  const llama = await getLlama({ gpu: false, build: "never", logLevel: LlamaLogLevel.error });
  const model = await llama.loadModel({ modelPath: options.modelPath });
  const context = await model.createContext({
    contextSize: options.contextSize,
    threads: options.threads,
    sequences: 1,
  });
  return {
    llama,
    sequence: context.getSequence(),
    async dispose() {
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}

/** The grammar a response format asks for, built once per schema; null for free text. */
function grammarCache(llama: Llama): (format: unknown) => Promise<LlamaGrammar> | null {
  // The schema arrives as JSON, so its literal type (which the library's generics infer the
  // answer's type from) is unknown here: any schema object is passed as such.
  const grammarForSchema = llama.createGrammarForJsonSchema.bind(llama) as (
    schema: object,
  ) => Promise<LlamaGrammar>;
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  return (format) => {
    const schema = schemaOf(format);
    if (schema === undefined) return null;
    const key = JSON.stringify(schema);
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = schema === null ? llama.getGrammarFor("json") : grammarForSchema(schema);
      grammars.set(key, grammar);
    }
    return grammar;
  };
}

/** The JSON schema a response format asks for; null for any JSON; undefined for free text. */
function schemaOf(format: unknown): object | null | undefined {
  const { type, json_schema: jsonSchema, schema } = (format ?? {}) as Record<string, unknown>;
  if (type === "json_schema") {
    const inner = (jsonSchema as { schema?: unknown } | undefined)?.schema;
    return typeof inner === "object" && inner !== null ? inner : null;
  }
  if (type === "json_object") return typeof schema === "object" && schema !== null ? schema : null;
  return undefined;
}

async function answer(input: {
  sequence: LlamaContextSequence;
  messages: readonly ChatMessage[];
  grammar: Promise<LlamaGrammar> | null;
  maxTokens: number;
  signal: AbortSignal;
}): Promise<NonNullable<LocalModelExchange["answer"]>> {
  const started = performance.now();
  await input.sequence.clearHistory();
  const before = input.sequence.tokenMeter.getState();
  const system = input.messages.filter((message) => message.role === "system");
  const user = input.messages.filter((message) => message.role !== "system");
  const session = new LlamaChatSession({
    contextSequence: input.sequence,
    systemPrompt: system.map((message) => message.content).join("\n\n"),
  });
  try {
    const grammar = input.grammar ? await input.grammar : undefined;
    const result = await session.promptWithMeta(
      user.map((message) => message.content).join("\n\n"),
      {
        ...(grammar ? { grammar } : {}),
        maxTokens: input.maxTokens,
        temperature: 0,
        signal: input.signal,
        stopOnAbortSignal: true,
      },
    );
    const used = input.sequence.tokenMeter.diff(before);
    return {
      content: result.responseText,
      promptTokens: used.usedInputTokens,
      completionTokens: used.usedOutputTokens,
      finishReason: result.stopReason === "maxTokens" ? "length" : "stop",
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    session.dispose({ disposeSequence: false });
  }
}
