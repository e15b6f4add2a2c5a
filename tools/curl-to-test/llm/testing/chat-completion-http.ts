/**
 * The HTTP side of the OpenAI-compatible test servers (the scripted fake and the local model):
 * reading a `POST /v1/chat/completions` body, checking its shape, and writing answers and
 * errors the way OpenAI's API does.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ChatMessage } from "../refinement-prompt.ts";

const maxBodyBytes = 5 * 1024 * 1024;

/**
 * The response formats a server takes, as the servers it stands for do: `json_schema` (OpenAI:
 * a strict json_schema is required), `json_object` (llama-cpp-python 0.3: json_schema refused
 * with its HTTP 500), `text` (no response_format at all).
 */
export type ServedResponseFormat = "json_schema" | "json_object" | "text";

/** The request body as text; what is past 5 MiB is dropped (the body then fails to parse). */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    // A broken upload reads as an empty body, which then fails to parse with a 400.
    req.on("error", () => resolve(""));
  });
}

/** A non-streamed chat completion as OpenAI's API returns it. */
export function chatCompletion(answer: {
  id: string;
  model: string;
  content: string;
  finishReason: "stop" | "length";
  promptTokens: number;
  completionTokens: number;
}): object {
  return {
    id: answer.id,
    object: "chat.completion",
    created: 0,
    model: answer.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: answer.content, refusal: null },
        logprobs: null,
        finish_reason: answer.finishReason,
      },
    ],
    usage: {
      prompt_tokens: answer.promptTokens,
      completion_tokens: answer.completionTokens,
      total_tokens: answer.promptTokens + answer.completionTokens,
    },
  };
}

export function parseChatRequest(text: string):
  | {
      ok: true;
      model: string;
      messages: ChatMessage[];
      format: unknown;
      responseFormat: string | null;
      /** `max_completion_tokens` or `max_tokens`, when the body sets one. */
      maxTokens: number | null;
    }
  | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: "the body is not JSON" };
  }
  if (typeof body !== "object" || body === null) return { ok: false, reason: "not an object" };
  const {
    model,
    messages,
    response_format: format,
    max_tokens: maxTokens,
    max_completion_tokens: maxCompletionTokens,
  } = body as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return { ok: false, reason: "model is required" };
  if (
    !Array.isArray(messages) ||
    messages.length === 0 ||
    !messages.every(
      (message: unknown) =>
        typeof message === "object" &&
        message !== null &&
        typeof (message as Record<string, unknown>).role === "string" &&
        typeof (message as Record<string, unknown>).content === "string",
    )
  ) {
    return { ok: false, reason: "messages must be a non-empty array of { role, content }" };
  }
  return {
    ok: true,
    model,
    messages: messages as ChatMessage[],
    format,
    maxTokens:
      [maxCompletionTokens, maxTokens].find(
        (limit): limit is number =>
          typeof limit === "number" && Number.isInteger(limit) && limit > 0,
      ) ?? null,
    responseFormat:
      typeof (format as { type?: unknown } | undefined)?.type === "string"
        ? (format as { type: string }).type
        : null,
  };
}

export function sendError(
  res: ServerResponse,
  status: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  sendJson(res, status, { error: { message, type: "fake_error", code: null } }, headers);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The error the server answers for a response format it does not take, or null. */
export function formatRefusal(
  accepts: ServedResponseFormat,
  format: unknown,
): { status: number; message: string } | null {
  const type = (format as { type?: unknown } | undefined)?.type;
  switch (accepts) {
    case "json_schema": {
      const schema = (format as { json_schema?: { strict?: unknown; schema?: unknown } })
        ?.json_schema;
      return type === "json_schema" &&
        schema?.strict === true &&
        typeof schema.schema === "object" &&
        schema.schema !== null
        ? null
        : { status: 400, message: "response_format must be a strict json_schema" };
    }
    case "json_object":
      // What llama-cpp-python 0.3.x answers: its request model has no json_schema type.
      return format === undefined || type === "text" || type === "json_object"
        ? null
        : {
            status: 500,
            message: `1 validation error for CreateChatCompletionRequest\nresponse_format.type\n  Input should be 'text' or 'json_object' [type=literal_error, input_value=${JSON.stringify(type)}, input_type=str]`,
          };
    case "text":
      return format === undefined || type === "text"
        ? null
        : { status: 400, message: "response_format is not supported by this server" };
  }
}
