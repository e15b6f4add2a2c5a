/**
 * A real OpenAI-compatible HTTP server on 127.0.0.1 (a free port) for tests and the evaluation:
 * `POST /v1/chat/completions`, answering from a script: a JSON answer, raw text (e.g. not JSON),
 * an error status with headers (429 with Retry-After, 500), or any of those after a delay. It
 * takes the response formats of the server it stands for (`accepts`): OpenAI's strict
 * `json_schema`, llama-cpp-python's `json_object` (refusing `json_schema` as that server does),
 * or plain text only. It records every request it received, so a test can assert on what left
 * the machine. Usage figures count tokens with o200k_base.
 */
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { countPromptTokens, countTextTokens } from "../prompt-tokens.ts";
import type { ChatMessage } from "../refinement-prompt.ts";
import { chatCompletion, sendError, sendJson } from "./chat-completion-http.ts";
import type { ServedResponseFormat } from "./chat-completion-http.ts";
import { listenForChatCompletions } from "./chat-completion-route.ts";
import type { IncomingChat } from "./chat-completion-route.ts";

export type FakeReply =
  /** An answer whose content is this value as JSON text. */
  | { kind: "json"; content: unknown }
  /** An answer whose content is this text as is. */
  | { kind: "raw"; content: string; finishReason?: "stop" | "length" }
  | { kind: "error"; status: number; headers?: Record<string, string>; message?: string }
  | { kind: "slow"; delayMs: number; reply: FakeReply };

export interface ReceivedChatRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received. */
  bodyText: string;
  model: string;
  messages: ChatMessage[];
  /** `response_format.type`, or null when the body has none. */
  responseFormat: string | null;
}

export interface FakeOpenAiServerOptions {
  /** Replies in order (the last one repeats), or chosen per request (`index` counts from 0). */
  replies: readonly FakeReply[] | ((request: ReceivedChatRequest, index: number) => FakeReply);
  /** When set, requests must send `Authorization: Bearer <apiKey>`, else 401. */
  apiKey?: string;
  /**
   * The response formats taken: `json_schema` (OpenAI: a strict json_schema is required),
   * `json_object` (llama-cpp-python 0.3: json_schema refused with its HTTP 500), `text` (no
   * response_format at all). Default `json_schema`.
   */
  accepts?: ServedResponseFormat;
}

export type { ServedResponseFormat } from "./chat-completion-http.ts";

export interface FakeOpenAiServer {
  /** For `OPENAI_BASE_URL`, e.g. `http://127.0.0.1:41234/v1`. */
  baseURL: string;
  /** Every chat completion request received, valid or not, in order. */
  requests: ReceivedChatRequest[];
  close(): Promise<void>;
}

export async function startFakeOpenAiServer(
  options: FakeOpenAiServerOptions,
): Promise<FakeOpenAiServer> {
  const context: ReplyContext = { requests: [], timers: new Set() };
  let answered = 0;
  const route = await listenForChatCompletions({
    ...(options.apiKey === undefined ? {} : { apiKey: options.apiKey }),
    accepts: options.accepts ?? "json_schema",
    record: (incoming) => {
      const request = receivedRequest(incoming);
      context.requests.push(request);
      return request;
    },
    answer: (res, request) => {
      const reply = scriptedReply(options.replies, request, answered);
      answered += 1;
      void sendReply(res, request, reply, context);
    },
  });
  return {
    baseURL: route.baseURL,
    requests: context.requests,
    async close() {
      for (const timer of context.timers) clearTimeout(timer);
      context.timers.clear();
      await route.close();
    },
  };
}

interface ReplyContext {
  requests: ReceivedChatRequest[];
  /** Slow replies still waiting, cleared when the server closes. */
  timers: Set<NodeJS.Timeout>;
}

function receivedRequest({ req, path, bodyText, parsed }: IncomingChat): ReceivedChatRequest {
  return {
    method: req.method ?? "",
    path,
    headers: req.headers,
    bodyText,
    model: parsed.ok ? parsed.model : "",
    messages: parsed.ok ? parsed.messages : [],
    responseFormat: parsed.ok ? parsed.responseFormat : null,
  };
}

async function sendReply(
  res: ServerResponse,
  request: ReceivedChatRequest,
  reply: FakeReply,
  context: ReplyContext,
): Promise<void> {
  if (reply.kind === "slow") {
    delayReply(res, request, reply, context);
    return;
  }
  if (reply.kind === "error") {
    sendError(res, reply.status, reply.message ?? `scripted ${reply.status}`, reply.headers);
    return;
  }
  const content = reply.kind === "json" ? JSON.stringify(reply.content) : reply.content;
  const promptTokens = await countPromptTokens(request.messages);
  const completionTokens = await countTextTokens(content);
  sendJson(
    res,
    200,
    chatCompletion({
      id: `chatcmpl-fake-${context.requests.length}`,
      model: request.model,
      content,
      finishReason: (reply.kind === "raw" && reply.finishReason) || "stop",
      promptTokens,
      completionTokens,
    }),
  );
}

/** The inner reply after the delay, unless the client has gone or the server closes first. */
function delayReply(
  res: ServerResponse,
  request: ReceivedChatRequest,
  reply: Extract<FakeReply, { kind: "slow" }>,
  context: ReplyContext,
): void {
  const timer = setTimeout(() => {
    context.timers.delete(timer);
    if (!res.destroyed) void sendReply(res, request, reply.reply, context);
  }, reply.delayMs);
  context.timers.add(timer);
  res.on("close", () => {
    clearTimeout(timer);
    context.timers.delete(timer);
  });
}

/** The reply for the `index`th answered request; the last of a list repeats. */
function scriptedReply(
  replies: FakeOpenAiServerOptions["replies"],
  request: ReceivedChatRequest,
  index: number,
): FakeReply {
  if (typeof replies === "function") return replies(request, index);
  return (
    replies[Math.min(index, replies.length - 1)] ?? {
      kind: "error",
      status: 500,
      message: "no reply scripted",
    }
  );
}

/** The exchange digests of a received prompt, as the prompt lists them (for scripted answers). */
export function promptExchanges(request: ReceivedChatRequest): PromptExchange[] {
  const user = request.messages.find((message) => message.role === "user")?.content ?? "";
  const lines = user.split("\n");
  const start = lines.indexOf("Exchanges:");
  if (start === -1) return [];
  const found: PromptExchange[] = [];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith("{")) break;
    found.push(JSON.parse(line) as PromptExchange);
  }
  return found;
}

/** What a prompt shows of one exchange (see refinement-prompt.ts). */
export interface PromptExchange {
  id: string;
  specId: string;
  role: string;
  title: string;
  request: { method: string; url: string; headers: [string, string][]; body?: unknown };
  response: { status: number | null; body?: unknown };
}
