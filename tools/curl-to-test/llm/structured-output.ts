/**
 * How the answer's JSON shape is asked for, negotiated per endpoint and model. OpenAI, vLLM,
 * Ollama and llama.cpp's server take a strict `json_schema` response format; llama-cpp-python
 * refuses it (HTTP 500, "Input should be 'text' or 'json_object'") but honours `json_object`
 * with the schema beside it; a server that takes neither still gets the schema as plain
 * instructions. Whatever way is used, the answer is checked against the schema when it comes
 * back. A refusal steps down once and is remembered for the rest of the run.
 */
import { APIError } from "openai";
import type { ResponseFormatJSONObject } from "openai/resources/shared";
import type { ChatMessage } from "./refinement-prompt.ts";
import { planRefinementResponseFormat } from "./refinement-schema.ts";

/** Tried in this order; each later one is a fallback for servers that refuse the one before. */
const structuredOutputFormats = ["json_schema", "json_object", "instructions"] as const;
export type StructuredOutputFormat = (typeof structuredOutputFormats)[number];

const answerSchema = planRefinementResponseFormat.json_schema.schema ?? {};

/** The body's `response_format` (none for `instructions`). */
export function responseFormatFor(format: StructuredOutputFormat) {
  switch (format) {
    case "json_schema":
      return { response_format: planRefinementResponseFormat };
    case "json_object": {
      // llama-cpp-python's and llama.cpp's extension: the schema beside the type becomes a grammar.
      const withSchema: ResponseFormatJSONObject & { schema: object } = {
        type: "json_object",
        schema: answerSchema,
      };
      return { response_format: withSchema };
    }
    case "instructions":
      return {};
  }
}

/** The messages as sent: with `instructions`, the schema goes at the end of the system prompt. */
export function messagesFor(
  format: StructuredOutputFormat,
  messages: readonly ChatMessage[],
): ChatMessage[] {
  const plain = messages.map((message) => ({ role: message.role, content: message.content }));
  if (format !== "instructions") return plain;
  const instructions = [
    "",
    "Answer with one JSON object and nothing else (no prose, no code fence), matching this JSON schema:",
    JSON.stringify(answerSchema),
  ].join("\n");
  const system = plain.findIndex((message) => message.role === "system");
  if (system === -1) return [{ role: "system", content: instructions.trim() }, ...plain];
  plain[system] = { role: "system", content: `${plain[system]!.content}\n${instructions}` };
  return plain;
}

/**
 * Whether the endpoint refused the request because of its `response_format`: a 400, 422, 500 or 501
 * whose message names the format (a 500 that does not is an ordinary failure, and retries).
 */
export function refusesResponseFormat(error: unknown): boolean {
  if (!(error instanceof APIError)) return false;
  const status: unknown = error.status;
  if (typeof status !== "number" || ![400, 422, 500, 501].includes(status)) return false;
  const body: unknown = error.error;
  return /response_format|json_schema|json_object/i.test(
    `${error.message} ${JSON.stringify(body ?? "")}`,
  );
}

/** The format in use per (base URL, model) for one run, stepping down on refusals. */
export class StructuredOutputMemory {
  readonly #formats = new Map<string, StructuredOutputFormat>();

  current(endpoint: string, model: string): StructuredOutputFormat {
    return this.#formats.get(key(endpoint, model)) ?? structuredOutputFormats[0];
  }

  /**
   * After `refused` was refused: the next format to try, and whether this call is the one that
   * stepped down (so its warning is given once, though prompts in flight were refused together).
   * Null when there is nothing left to try.
   */
  stepDown(
    endpoint: string,
    model: string,
    refused: StructuredOutputFormat,
  ): { next: StructuredOutputFormat; first: boolean } | null {
    const now = this.current(endpoint, model);
    const nowIndex = structuredOutputFormats.indexOf(now);
    if (nowIndex > structuredOutputFormats.indexOf(refused)) return { next: now, first: false };
    const next = structuredOutputFormats[nowIndex + 1];
    if (next === undefined) return null;
    this.#formats.set(key(endpoint, model), next);
    return { next, first: true };
  }
}

function key(endpoint: string, model: string): string {
  return JSON.stringify([endpoint, model]);
}

/** The `warning:` text for one step down. */
export function stepDownMessage(
  refused: StructuredOutputFormat,
  next: StructuredOutputFormat,
  reason: string,
): string {
  const asked =
    next === "json_object"
      ? 'asking with response_format {"type": "json_object", "schema": …} instead'
      : "asking for JSON by instructions in the prompt instead";
  return `the endpoint refused response_format ${refused} (${reason}); ${asked}, for the rest of this run; answers are still checked against the schema`;
}
