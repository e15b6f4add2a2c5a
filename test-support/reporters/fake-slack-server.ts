import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { text } from "node:stream/consumers";
import { closeServer, listenOnLoopback } from "../loopback-server.ts";

/**
 * A Slack incoming webhook on loopback that refuses what Slack refuses: a message with neither
 * text nor blocks (`no_text`), Block Kit over its limits (`invalid_blocks`: more than 50 blocks,
 * section text over 3,000, header over 150 or not plain_text, more than 10 fields or one over
 * 2,000), an archived channel (`channel_is_archived`), and injectable 429s and 500s.
 */
export interface AcceptedMessage {
  payload: Record<string, unknown>;
  at: number;
}

export interface RejectedMessage {
  status: number;
  error: string;
}

interface Fault {
  remaining: number;
  status: number;
  retryAfterSeconds?: number;
}

export class FakeSlackServer {
  readonly accepted: AcceptedMessage[] = [];
  readonly rejected: RejectedMessage[] = [];
  readonly #server: Server;
  readonly #path = "/services/T0FAKE/B0FAKE/fakeWebhookSecret123";
  readonly #faults: Fault[] = [];
  #archived = false;
  url = "";

  private constructor() {
    this.#server = createServer((request, response) => {
      void this.#handle(request, response);
    });
  }

  static async start(): Promise<FakeSlackServer> {
    const fake = new FakeSlackServer();
    fake.url = await listenOnLoopback(fake.#server);
    return fake;
  }

  /** The secret part is the path, as with Slack's own webhook URLs. */
  get webhookUrl(): string {
    return `${this.url}${this.#path}`;
  }

  get webhookPath(): string {
    return this.#path;
  }

  injectFaults(fault: { count: number; status: number; retryAfterSeconds?: number }): void {
    const { count, ...rest } = fault;
    this.#faults.push({ ...rest, remaining: count });
  }

  setArchived(archived: boolean): void {
    this.#archived = archived;
  }

  async close(): Promise<void> {
    await closeServer(this.#server);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const answer = this.#answer(request, await text(request));
    if (answer.status !== 200) this.rejected.push({ status: answer.status, error: answer.body });
    response
      .writeHead(answer.status, { "content-type": "text/html", ...(answer.headers ?? {}) })
      .end(answer.body);
  }

  #answer(
    request: IncomingMessage,
    body: string,
  ): { status: number; body: string; headers?: Record<string, string> } {
    if (request.method !== "POST") return { status: 405, body: "invalid_method" };
    if (request.url !== this.#path) return { status: 404, body: "no_service" };
    const fault = this.#faults.find((candidate) => candidate.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      return {
        status: fault.status,
        body: fault.status === 429 ? "rate_limited" : "rollup_error",
        ...(fault.retryAfterSeconds !== undefined
          ? { headers: { "retry-after": String(fault.retryAfterSeconds) } }
          : {}),
      };
    }
    if (this.#archived) return { status: 410, body: "channel_is_archived" };
    let payload: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body);
      if (typeof parsed !== "object" || parsed === null) throw new Error("not an object");
      payload = parsed as Record<string, unknown>;
    } catch {
      return { status: 400, body: "invalid_payload" };
    }
    const text = typeof payload.text === "string" ? payload.text : "";
    const blocks = payload.blocks;
    if (text.trim() === "" && (!Array.isArray(blocks) || blocks.length === 0)) {
      return { status: 400, body: "no_text" };
    }
    if (blocks !== undefined && blockProblem(blocks))
      return { status: 400, body: "invalid_blocks" };
    this.accepted.push({ payload, at: Date.now() });
    return { status: 200, body: "ok" };
  }
}

/** Slack's documented Block Kit limits, checked independently of the builder under test. */
export function blockProblem(blocks: unknown): string | undefined {
  if (!Array.isArray(blocks)) return "blocks must be a list";
  if (blocks.length > 50) return `${blocks.length} blocks, over 50`;
  for (const [index, block] of (blocks as Record<string, unknown>[]).entries()) {
    const problem = oneBlockProblem(block);
    if (problem) return `block ${index}: ${problem}`;
  }
  return undefined;
}

function oneBlockProblem(block: Record<string, unknown>): string | undefined {
  switch (block.type) {
    case "divider":
      return undefined;
    case "header":
      return textProblem(block.text, { max: 150, plainOnly: true });
    case "section": {
      if (block.text === undefined && block.fields === undefined)
        return "a section needs text or fields";
      if (block.text !== undefined) {
        const problem = textProblem(block.text, { max: 3000 });
        if (problem) return problem;
      }
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > 10) {
          return "fields must hold 1 to 10 texts";
        }
        return block.fields.map((field) => textProblem(field, { max: 2000 })).find(Boolean);
      }
      return undefined;
    }
    case "context": {
      const elements = block.elements;
      if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10) {
        return "context elements must hold 1 to 10 items";
      }
      return elements.map((element) => textProblem(element, { max: 3000 })).find(Boolean);
    }
    default:
      return `unknown block type ${String(block.type)}`;
  }
}

function textProblem(
  value: unknown,
  limits: { max: number; plainOnly?: boolean },
): string | undefined {
  const text = value as { type?: unknown; text?: unknown } | undefined;
  if (!text || (text.type !== "plain_text" && text.type !== "mrkdwn"))
    return "text object needs a type";
  if (limits.plainOnly && text.type !== "plain_text") return "must be plain_text";
  if (typeof text.text !== "string" || text.text.length === 0) return "text must not be empty";
  if (text.text.length > limits.max)
    return `text of ${text.text.length} characters, over ${limits.max}`;
  return undefined;
}
