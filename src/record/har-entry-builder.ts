/**
 * One completed exchange → one HAR 1.2 entry. Pure: the proxy hands over what it saw (raw
 * headers in wire order, decoded bodies, timings) and gets the JSON value to write.
 */
import { cookiePairs, setCookiePair } from "../shared/cookie-pairs.ts";

export interface RecordedExchange {
  /** Epoch milliseconds when the request started. */
  startedAt: number;
  method: string;
  url: string;
  httpVersion: string;
  requestHeaders: readonly (readonly [string, string])[];
  /** The request body as sent on the wire, and decoded (same bytes when it had no encoding). */
  requestBody: { raw: Buffer; decoded: Buffer };
  status: number;
  statusText: string;
  responseHeaders: readonly (readonly [string, string])[];
  responseBody: { raw: Buffer; decoded: Buffer };
  /** Milliseconds: request sent to the proxy, waiting for the server, response received. */
  timings: { send: number; wait: number; receive: number };
}

interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntryJson {
  startedDateTime: string;
  time: number;
  request: Record<string, unknown>;
  response: Record<string, unknown>;
  cache: Record<string, never>;
  timings: Record<string, number>;
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function harEntry(exchange: RecordedExchange): HarEntryJson {
  const { send, wait, receive } = exchange.timings;
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: round(send + wait + receive),
    request: harRequest(exchange),
    response: harResponse(exchange),
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: -1,
      ssl: -1,
      send: round(send),
      wait: round(wait),
      receive: round(receive),
    },
  };
}

function harRequest(exchange: RecordedExchange): Record<string, unknown> {
  const headers = nameValues(exchange.requestHeaders);
  const body = exchange.requestBody;
  const mimeType = headerValue(headers, "content-type") ?? "";
  return {
    method: exchange.method,
    url: exchange.url,
    httpVersion: `HTTP/${exchange.httpVersion}`,
    cookies: cookiePairs(headerValue(headers, "cookie")),
    headers,
    queryString: queryString(exchange.url),
    ...(body.decoded.length > 0 ? { postData: { mimeType, ...bodyText(body.decoded) } } : {}),
    headersSize: -1,
    bodySize: body.raw.length,
  };
}

function harResponse(exchange: RecordedExchange): Record<string, unknown> {
  const headers = nameValues(exchange.responseHeaders);
  const body = exchange.responseBody;
  const compression = body.decoded.length - body.raw.length;
  return {
    status: exchange.status,
    statusText: exchange.statusText,
    httpVersion: `HTTP/${exchange.httpVersion}`,
    cookies: headers
      .filter((header) => header.name.toLowerCase() === "set-cookie")
      .map((header) => responseCookie(header.value)),
    headers,
    content: {
      size: body.decoded.length,
      ...(compression > 0 ? { compression } : {}),
      mimeType: headerValue(headers, "content-type") ?? "",
      ...(body.decoded.length > 0 ? bodyText(body.decoded) : {}),
    },
    redirectURL: headerValue(headers, "location") ?? "",
    headersSize: -1,
    bodySize: body.raw.length,
  };
}

/** UTF-8 text as is; anything else (images, protobuf, broken UTF-8) as base64. */
function bodyText(bytes: Buffer): { text: string; encoding?: "base64" } {
  try {
    const text = strictUtf8.decode(bytes);
    // eslint-disable-next-line no-control-regex -- control characters mark binary data
    if (!/[\u0000-\u0008\u000e-\u001f]/.test(text)) return { text };
  } catch {
    // Not UTF-8: falls through to base64.
  }
  return { text: bytes.toString("base64"), encoding: "base64" };
}

function nameValues(pairs: readonly (readonly [string, string])[]): HarNameValue[] {
  return pairs.filter(([name]) => !name.startsWith(":")).map(([name, value]) => ({ name, value }));
}

function headerValue(headers: readonly HarNameValue[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value;
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** A Set-Cookie without `=` is listed by its text as the name, with no value. */
function responseCookie(setCookie: string): HarNameValue {
  const pair = setCookiePair(setCookie);
  return cookiePairs(pair)[0] ?? { name: pair.trim(), value: "" };
}

function round(ms: number): number {
  return Math.max(0, Math.round(ms * 1000) / 1000);
}
