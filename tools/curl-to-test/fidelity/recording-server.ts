import { createServer } from "node:net";
import type { AddressInfo, Server, Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import type { TLSSocket } from "node:tls";
import type { Duplex } from "node:stream";
import type { NameValue } from "../model/captured-request.ts";

/** One request exactly as it arrived on the socket, before any HTTP library interpreted it. */
export interface RecordedRequest {
  /** As sent: case kept (`wHat` stays `wHat`). */
  method: string;
  /** The request-target as sent: raw path and raw query, no decoding. */
  target: string;
  headers: NameValue[];
  /** The body after removing chunked framing; empty when none was sent. */
  body: Buffer;
}

export interface RecordedReply {
  status: number;
  headers: NameValue[];
  body: string;
}

/** Chooses the reply to each request, so captured responses can be played back to a test. */
export type Responder = (request: RecordedRequest) => RecordedReply;

export interface RecordingServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export interface RecordingServerOptions {
  respond?: Responder;
  /** Requests with larger heads or bodies are answered 413 and not recorded. */
  maxHeadBytes?: number;
  maxBodyBytes?: number;
  /** Also speaks TLS on the same port (sniffed per connection), for captures of https URLs. */
  tls?: { key: string; cert: string };
}

const emptyJsonReply: RecordedReply = {
  status: 200,
  headers: [{ name: "content-type", value: "application/json" }],
  body: "{}",
};

/**
 * A plain TCP listener that parses HTTP/1.1 itself: Node's HTTP parser would reject or rewrite
 * what a fidelity check must see verbatim (lower-case methods, header order and case, duplicates).
 */
export async function startRecordingServer(
  options: RecordingServerOptions = {},
): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const limits = {
    maxHeadBytes: options.maxHeadBytes ?? 64 * 1024,
    maxBodyBytes: options.maxBodyBytes ?? 16 * 1024 * 1024,
  };
  const respond = options.respond ?? (() => emptyJsonReply);

  const serve = (stream: Duplex) => serveHttp(stream, limits, requests, respond);

  // TLS connections are handed to a TLS server that never listens itself; it decrypts them.
  const tlsServer = options.tls
    ? createTlsServer(options.tls, (secure: TLSSocket) => serve(secure))
    : undefined;
  tlsServer?.on("tlsClientError", (_error, secure) => secure.destroy());

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    socket.once("data", (first: Buffer) => {
      socket.pause();
      socket.unshift(first);
      // A TLS handshake starts with record type 22; plain HTTP starts with a method's letter.
      if (tlsServer !== undefined && first[0] === 0x16) tlsServer.emit("connection", socket);
      else serve(socket);
      process.nextTick(() => socket.resume());
    });
  });

  const port = await listenOnLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Records each request a connection sends, and answers it (or refuses it, too large or malformed). */
function serveHttp(
  stream: Duplex,
  limits: { maxHeadBytes: number; maxBodyBytes: number },
  requests: RecordedRequest[],
  respond: Responder,
): void {
  const parser = new RequestStreamParser(limits);
  stream.on("error", () => stream.destroy());
  stream.on("data", (chunk: Buffer) => {
    for (const event of parser.push(chunk)) {
      if (event.kind === "continue") stream.write("HTTP/1.1 100 Continue\r\n\r\n");
      else if (event.kind === "too-large") {
        stream.end(serializeReply({ status: 413, headers: [], body: "" }, false));
      } else if (event.kind === "malformed") {
        stream.end(serializeReply({ status: 400, headers: [], body: "" }, false));
      } else {
        requests.push(event.request);
        const reply = respond(event.request);
        stream.write(serializeReply(reply, event.request.method.toUpperCase() === "HEAD"));
      }
    }
  });
}

/** Listens on a free loopback port; resolves to that port. */
async function listenOnLoopback(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

function serializeReply(reply: RecordedReply, forHead: boolean): Buffer {
  // 1xx, 204 and 304 replies have no body by definition; HEAD replies omit it.
  const bodiless = reply.status < 200 || reply.status === 204 || reply.status === 304;
  const body = bodiless ? Buffer.alloc(0) : Buffer.from(reply.body, "utf8");
  const lines = [`HTTP/1.1 ${reply.status} ${reply.status < 400 ? "OK" : "Error"}`];
  for (const header of reply.headers) lines.push(`${header.name}: ${header.value}`);
  if (!bodiless) lines.push(`content-length: ${body.length}`);
  lines.push("", "");
  const withBody = !forHead;
  return Buffer.concat([
    Buffer.from(lines.join("\r\n"), "latin1"),
    withBody ? body : Buffer.alloc(0),
  ]);
}

type ParserEvent =
  | { kind: "request"; request: RecordedRequest }
  | { kind: "continue" }
  | { kind: "too-large" }
  | { kind: "malformed" };

interface ParsedHead {
  method: string;
  target: string;
  headers: NameValue[];
  framing: { kind: "length"; length: number } | { kind: "chunked" };
}

/** Turns a connection's byte stream into requests; keep-alive and pipelining included. */
class RequestStreamParser {
  #buffer = Buffer.alloc(0);
  #head: ParsedHead | undefined;
  #failed = false;
  readonly #limits: { maxHeadBytes: number; maxBodyBytes: number };

  constructor(limits: { maxHeadBytes: number; maxBodyBytes: number }) {
    this.#limits = limits;
  }

  push(chunk: Buffer): ParserEvent[] {
    if (this.#failed) return [];
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const events: ParserEvent[] = [];
    for (;;) {
      if (this.#head === undefined) {
        const end = this.#buffer.indexOf("\r\n\r\n");
        if (end === -1) {
          if (this.#buffer.length > this.#limits.maxHeadBytes)
            return this.#fail(events, "too-large");
          return events;
        }
        const head = parseHead(this.#buffer.subarray(0, end).toString("latin1"));
        this.#buffer = this.#buffer.subarray(end + 4);
        if (head === undefined) return this.#fail(events, "malformed");
        if (head.framing.kind === "length" && head.framing.length > this.#limits.maxBodyBytes) {
          return this.#fail(events, "too-large");
        }
        this.#head = head;
        const expect = head.headers.find((h) => h.name.toLowerCase() === "expect");
        if (expect?.value.toLowerCase() === "100-continue") events.push({ kind: "continue" });
      }
      const body = this.#takeBody(this.#head);
      if (body === "incomplete") return events;
      if (body === "too-large" || body === "malformed") return this.#fail(events, body);
      const { method, target, headers } = this.#head;
      this.#head = undefined;
      events.push({ kind: "request", request: { method, target, headers, body } });
    }
  }

  #fail(events: ParserEvent[], kind: "too-large" | "malformed"): ParserEvent[] {
    this.#failed = true;
    events.push({ kind });
    return events;
  }

  #takeBody(head: ParsedHead): Buffer | "incomplete" | "too-large" | "malformed" {
    if (head.framing.kind === "length") {
      if (this.#buffer.length < head.framing.length) return "incomplete";
      const body = Buffer.from(this.#buffer.subarray(0, head.framing.length));
      this.#buffer = this.#buffer.subarray(head.framing.length);
      return body;
    }
    const decoded = decodeChunked(this.#buffer, this.#limits.maxBodyBytes);
    if (typeof decoded === "string") return decoded;
    this.#buffer = this.#buffer.subarray(decoded.consumed);
    return decoded.body;
  }
}

function parseHead(text: string): ParsedHead | undefined {
  const [requestLine = "", ...headerLines] = text.split("\r\n");
  const match = /^(\S+) (\S+) HTTP\/1\.[01]$/.exec(requestLine);
  if (!match) return undefined;
  const headers: NameValue[] = [];
  for (const line of headerLines) {
    const colon = line.indexOf(":");
    if (colon <= 0) return undefined;
    headers.push({
      name: line.slice(0, colon),
      value: line.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, ""),
    });
  }
  const lower = (name: string) => headers.find((h) => h.name.toLowerCase() === name)?.value;
  let framing: ParsedHead["framing"] = { kind: "length", length: 0 };
  if (lower("transfer-encoding")?.toLowerCase().includes("chunked")) framing = { kind: "chunked" };
  else {
    const length = lower("content-length");
    if (length !== undefined) {
      if (!/^\d+$/.test(length)) return undefined;
      framing = { kind: "length", length: Number(length) };
    }
  }
  return { method: match[1] ?? "", target: match[2] ?? "", headers, framing };
}

function decodeChunked(
  buffer: Buffer,
  maxBodyBytes: number,
): { body: Buffer; consumed: number } | "incomplete" | "too-large" | "malformed" {
  const chunks: Buffer[] = [];
  let size = 0;
  let offset = 0;
  for (;;) {
    const lineEnd = buffer.indexOf("\r\n", offset);
    if (lineEnd === -1) return "incomplete";
    const sizeText =
      buffer.subarray(offset, lineEnd).toString("latin1").split(";")[0]?.trim() ?? "";
    if (!/^[0-9a-fA-F]+$/.test(sizeText)) return "malformed";
    const chunkSize = Number.parseInt(sizeText, 16);
    offset = lineEnd + 2;
    if (chunkSize === 0) {
      // Trailers, if any, end with an empty line; none of them are recorded.
      const trailersEnd = buffer.indexOf("\r\n", offset);
      if (trailersEnd === -1) return "incomplete";
      if (trailersEnd === offset) return { body: Buffer.concat(chunks), consumed: offset + 2 };
      const end = buffer.indexOf("\r\n\r\n", offset);
      if (end === -1) return "incomplete";
      return { body: Buffer.concat(chunks), consumed: end + 4 };
    }
    size += chunkSize;
    if (size > maxBodyBytes) return "too-large";
    if (buffer.length < offset + chunkSize + 2) return "incomplete";
    chunks.push(Buffer.from(buffer.subarray(offset, offset + chunkSize)));
    offset += chunkSize + 2;
  }
}
