/**
 * What both OpenAI-compatible test servers do with a request before they answer it: only
 * `POST /v1/chat/completions` is served (404 otherwise); each such request is recorded first,
 * valid or not; then a wrong API key gets 401, a body that is no chat request 400, and a
 * response format the server does not take the refusal the server it stands for answers.
 */
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { closeServer, listenOnLoopback } from "../../../../test-support/loopback-server.ts";
import { formatRefusal, parseChatRequest, readBody, sendError } from "./chat-completion-http.ts";
import type { ServedResponseFormat } from "./chat-completion-http.ts";

export type ParsedChatRequest = ReturnType<typeof parseChatRequest>;
export type ChatRequest = Extract<ParsedChatRequest, { ok: true }>;

export interface IncomingChat {
  req: IncomingMessage;
  path: string;
  /** The body exactly as received. */
  bodyText: string;
  parsed: ParsedChatRequest;
}

export interface ChatCompletionRoute<Recorded> {
  /** When set, requests must send `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The formats taken; every format when unset. */
  accepts?: ServedResponseFormat;
  record(incoming: IncomingChat): Recorded;
  answer(res: ServerResponse, recorded: Recorded, request: ChatRequest): void;
}

/** A server on 127.0.0.1 (a free port); `baseURL` is for `OPENAI_BASE_URL`. */
export async function listenForChatCompletions<Recorded>(
  route: ChatCompletionRoute<Recorded>,
): Promise<{ baseURL: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void readBody(req).then((bodyText) => handle(route, { req, res, bodyText }));
  });
  const url = await listenOnLoopback(server);
  return { baseURL: `${url}/v1`, close: () => closeServer(server) };
}

function handle<Recorded>(
  route: ChatCompletionRoute<Recorded>,
  { req, res, bodyText }: { req: IncomingMessage; res: ServerResponse; bodyText: string },
): void {
  const path = (req.url ?? "/").split("?")[0]!;
  if (req.method !== "POST" || path !== "/v1/chat/completions") {
    sendError(res, 404, "not found: only POST /v1/chat/completions is served");
    return;
  }
  const parsed = parseChatRequest(bodyText);
  const recorded = route.record({ req, path, bodyText, parsed });
  const refusal = refusalOf(route, req, parsed);
  if (refusal) sendError(res, refusal.status, refusal.message);
  else if (parsed.ok) route.answer(res, recorded, parsed);
}

function refusalOf(
  route: ChatCompletionRoute<unknown>,
  req: IncomingMessage,
  parsed: ParsedChatRequest,
): { status: number; message: string } | null {
  if (route.apiKey !== undefined && req.headers.authorization !== `Bearer ${route.apiKey}`) {
    return { status: 401, message: "Incorrect API key provided" };
  }
  if (!parsed.ok) return { status: 400, message: parsed.reason };
  return route.accepts ? formatRefusal(route.accepts, parsed.format) : null;
}
