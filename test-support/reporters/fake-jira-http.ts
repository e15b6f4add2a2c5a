import type { IncomingMessage, ServerResponse } from "node:http";

/** One request as the routes see it. */
export interface FakeRequest {
  method: string;
  url: URL;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** An answer other than success, thrown from anywhere in a route and sent as it is. */
export class HttpProblem extends Error {
  readonly status: number;
  readonly body: unknown;
  constructor(status: number, body: unknown) {
    super(`HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/** Jira's usual error body: messages, and field errors by field. */
export function jiraError(
  status: number,
  message: string | undefined,
  errors?: Record<string, string>,
): HttpProblem {
  return new HttpProblem(status, {
    errorMessages: message === undefined ? [] : [message],
    ...(errors ? { errors } : {}),
  });
}

export function parseJson(body: Buffer, anyValue = false): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString("utf8") || "null");
    if (anyValue) return value as Record<string, unknown>;
    if (typeof value !== "object" || value === null) throw new Error("not an object");
    return value as Record<string, unknown>;
  } catch {
    throw jiraError(400, "Unexpected character in the request body: not valid JSON.");
  }
}

export function searchParamsOf(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) input[name] = value;
  return input;
}

/** A list parameter, sent as a JSON list or as comma-separated text. */
export function listOf(value: unknown, fallback: string[]): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === "string" && value.length > 0)
    return value.split(",").map((item) => item.trim());
  return fallback;
}

export function pageToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function offsetOfToken(token: unknown): number {
  const decoded = typeof token === "string" ? Buffer.from(token, "base64url").toString("utf8") : "";
  const match = /^offset:(\d+)$/.exec(decoded);
  if (!match) throw jiraError(400, "The provided next page token is invalid or expired.");
  return Number(match[1]);
}

export function send(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (body === undefined || status === 204) {
    response.writeHead(status, headers).end();
  } else if (typeof body === "string") {
    response
      .writeHead(status, { "content-type": "text/plain;charset=UTF-8", ...headers })
      .end(body);
  } else {
    response
      .writeHead(status, { "content-type": "application/json;charset=UTF-8", ...headers })
      .end(JSON.stringify(body));
  }
}
