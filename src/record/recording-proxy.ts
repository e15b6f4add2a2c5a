/**
 * The intercepting proxy: mockttp passes every request through to its real destination and
 * reports each completed exchange, which becomes a HAR entry the moment its response ends.
 * HTTPS to hosts the patterns do not name is tunnelled untouched (never decrypted), and plain
 * HTTP to them is forwarded unrecorded.
 */
import type { Server } from "node:net";
import { getLocal } from "mockttp";
import type { CompletedRequest, CompletedResponse, Mockttp } from "mockttp";
import { skipReason } from "../../tools/curl-to-test/intake/har-entry-scope.ts";
import { harEntry } from "./har-entry-builder.ts";
import type { HarEntryJson, RecordedExchange } from "./har-entry-builder.ts";
import type { HostPatterns } from "./host-patterns.ts";

/**
 * Bodies are held in memory until their exchange is written; a larger one (a video, a disk
 * image) still passes through, but is recorded empty rather than exhaust memory.
 */
const maxRecordedBodyBytes = 100 * 1024 * 1024;

/** How mockttp tags a response it made up because the upstream failed (`…:ECONNRESET`). */
const upstreamErrorTag = "passthrough-error:";

export interface RecordingProxyOptions {
  /** 0 picks a free port. */
  port: number;
  ca: { cert: string; key: string };
  hosts: HostPatterns;
  /** Called with each completed exchange's entry, in the order they complete. */
  write: (entry: HarEntryJson) => void;
  /** PEM certificates trusted for upstream servers besides Node's own (self-signed dev servers). */
  upstreamCertificates: readonly string[];
  onEvent?: (event: ProxyEvent) => void;
}

export type ProxyEvent =
  /** `noise`: the HAR intake would skip it (static file, analytics, preflight), and why. */
  | { kind: "recorded"; host: string; status: number; noise: string | undefined }
  /** The upstream could not be reached, or the client gave up; nothing is written. */
  | { kind: "failed"; host: string; reason: string };

export interface RecordingProxy {
  /** `http://127.0.0.1:<port>`, for HTTP_PROXY and HTTPS_PROXY alike. */
  url: string;
  port: number;
  /** Waits for exchanges already answered to be written, then closes. */
  stop(): Promise<void>;
}

export async function startRecordingProxy(options: RecordingProxyOptions): Promise<RecordingProxy> {
  const server = proxyServer(options);
  const pending = await recordExchanges(server, options);
  await passEverythingThrough(server, options);
  await listenOnPort(server, options.port);
  return {
    url: `http://127.0.0.1:${server.port}`,
    port: server.port,
    stop: async () => {
      await Promise.all(pending);
      await server.stop();
    },
  };
}

/** A mockttp server that decrypts HTTPS to the recorded hosts only, and records nothing itself. */
function proxyServer(options: RecordingProxyOptions): Mockttp {
  return getLocal({
    https: {
      cert: options.ca.cert,
      key: options.ca.key,
      ...(options.hosts.recordsEveryHost
        ? {}
        : { tlsInterceptOnly: options.hosts.patterns.map((hostname) => ({ hostname })) }),
    },
    recordTraffic: false,
    suggestChanges: false,
    maxBodySize: maxRecordedBodyBytes,
  });
}

/**
 * Writes each answered exchange to a recorded host as it completes; returns the writes still
 * under way, which `stop` waits for.
 */
async function recordExchanges(
  server: Mockttp,
  options: RecordingProxyOptions,
): Promise<Set<Promise<void>>> {
  const pending = new Set<Promise<void>>();
  const requests = new Map<string, CompletedRequest>();
  const emit = options.onEvent ?? (() => undefined);
  // mockttp announces events asynchronously: an abort may arrive before its request does.
  const aborted = new Set<string>();
  await server.on("request", (request) => {
    if (aborted.delete(request.id)) return;
    if (options.hosts.matches(request.destination.hostname)) requests.set(request.id, request);
  });
  await server.on("response", (response) => {
    const request = requests.get(response.id);
    if (!request) return;
    requests.delete(response.id);
    const upstreamError = response.tags.find((tag) => tag.startsWith(upstreamErrorTag));
    if (upstreamError) {
      const reason = upstreamError.slice(upstreamErrorTag.length);
      emit({ kind: "failed", host: hostOf(request), reason });
      return;
    }
    const written = recordExchange(request, response, options.write).then(
      (entry) => emit({ kind: "recorded", ...describe(request, entry) }),
      (error: unknown) => emit({ kind: "failed", host: hostOf(request), reason: String(error) }),
    );
    pending.add(written);
    void written.finally(() => pending.delete(written));
  });
  await server.on("abort", (request) => {
    if (!options.hosts.matches(request.destination.hostname)) return;
    if (!requests.delete(request.id)) aborted.add(request.id);
    emit({ kind: "failed", host: hostOf(request), reason: request.error?.code ?? "aborted" });
  });
  return pending;
}

/** Every request and WebSocket goes on to its real host, trusting the given upstream CAs too. */
async function passEverythingThrough(server: Mockttp, options: RecordingProxyOptions) {
  const passThrough = {
    additionalTrustedCAs: options.upstreamCertificates.map((cert) => ({ cert })),
    // An unreachable upstream fails for the client as it would without a proxy (no 502 page
    // made up by the proxy, no log line tearing the terminal); the tally counts it.
    simulateConnectionErrors: true,
  };
  await server.forAnyRequest().thenPassThrough(passThrough);
  await server.forAnyWebSocket().thenPassThrough(passThrough);
}

/** Starts on 127.0.0.1; a port in use is a sentence naming --port, not a stack trace. */
async function listenOnPort(server: Mockttp, port: number): Promise<void> {
  try {
    await startOnLoopback(server, port);
  } catch (error) {
    await server.stop().catch(() => undefined);
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new Error(`port ${port} is in use; pick another with --port (0 picks a free one)`, {
      cause: error,
    });
  }
}

/**
 * mockttp listens on every interface and has no option to choose one; a recording proxy must
 * not be reachable from the network. So its listening server is moved to 127.0.0.1 before
 * anything is told its port (and before any client can know it).
 */
async function startOnLoopback(server: Mockttp, port: number): Promise<void> {
  await server.start(port);
  const chosen = server.port;
  // Reaching into mockttp's private field: the only handle on the net.Server it listens with.
  const listener = (server as unknown as { server: Server }).server;
  await new Promise<void>((resolve) => listener.close(() => resolve()));
  await new Promise<void>((resolve, reject) => {
    listener.once("error", reject);
    listener.listen(chosen, "127.0.0.1", () => {
      listener.off("error", reject);
      resolve();
    });
  });
}

async function recordExchange(
  request: CompletedRequest,
  response: CompletedResponse,
  write: (entry: HarEntryJson) => void,
): Promise<HarEntryJson> {
  const [requestBody, responseBody] = await Promise.all([
    decodedBody(request.body),
    decodedBody(response.body),
  ]);
  const entry = harEntry(exchangeOf(request, response, requestBody, responseBody));
  write(entry);
  return entry;
}

function exchangeOf(
  request: CompletedRequest,
  response: CompletedResponse,
  requestBody: Buffer,
  responseBody: Buffer,
): RecordedExchange {
  const requestTimes = request.timingEvents;
  const responseTimes = response.timingEvents;
  const bodyReceived = requestTimes.bodyReceivedTimestamp ?? requestTimes.startTimestamp;
  const headersSent = responseTimes.headersSentTimestamp ?? bodyReceived;
  const responseSent = responseTimes.responseSentTimestamp ?? headersSent;
  return {
    startedAt: requestTimes.startTime,
    method: request.method,
    url: request.url,
    httpVersion: request.httpVersion,
    requestHeaders: pairs(request.rawHeaders),
    requestBody: { raw: request.body.buffer, decoded: requestBody },
    status: response.statusCode,
    statusText: response.statusMessage,
    responseHeaders: pairs(response.rawHeaders),
    responseBody: { raw: response.body.buffer, decoded: responseBody },
    timings: {
      send: bodyReceived - requestTimes.startTimestamp,
      wait: headersSent - bodyReceived,
      receive: responseSent - headersSent,
    },
  };
}

/** A body whose content-encoding cannot be undone is kept as sent. */
async function decodedBody(body: CompletedRequest["body"]): Promise<Buffer> {
  try {
    return (await body.getDecodedBuffer()) ?? body.buffer;
  } catch {
    return body.buffer;
  }
}

function pairs(raw: readonly (readonly string[])[]): [string, string][] {
  return raw.map(([name = "", value = ""]) => [name, value]);
}

function hostOf(request: { destination: { hostname: string; port: number } }): string {
  return `${request.destination.hostname}:${request.destination.port}`;
}

function describe(
  request: CompletedRequest,
  entry: HarEntryJson,
): { host: string; status: number; noise: string | undefined } {
  let url: URL | undefined;
  try {
    url = new URL(request.url);
  } catch {
    url = undefined;
  }
  const status = typeof entry.response.status === "number" ? entry.response.status : 0;
  return { host: hostOf(request), status, noise: skipReason(entry, url) };
}
