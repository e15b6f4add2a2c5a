/**
 * Builds HAR 1.2 text from exchanges sent to a real server, the way a browser or proxy export
 * records them: for tests and the evaluation, which need captures with responses. `send` really
 * sends each request (with fetch) and records what came back.
 */

export interface ExchangeToCapture {
  method: string;
  /** Absolute URL. */
  url: string;
  headers?: Record<string, string>;
  /** JSON-serialised as the request body, with `content-type: application/json`. */
  json?: unknown;
}

export interface CapturedExchange {
  request: { method: string; url: string; headers: Record<string, string>; bodyText?: string };
  response: { status: number; statusText: string; mimeType: string; bodyText: string };
}

/** Sends each exchange in order (later ones may be built from earlier answers by the caller). */
export async function sendAndCapture(exchange: ExchangeToCapture): Promise<CapturedExchange> {
  const headers: Record<string, string> = { ...exchange.headers };
  let bodyText: string | undefined;
  if (exchange.json !== undefined) {
    bodyText = JSON.stringify(exchange.json);
    headers["content-type"] = "application/json";
  }
  const response = await fetch(exchange.url, {
    method: exchange.method,
    headers,
    ...(bodyText === undefined ? {} : { body: bodyText }),
    signal: AbortSignal.timeout(10_000),
  });
  return {
    request: {
      method: exchange.method,
      url: exchange.url,
      headers,
      ...(bodyText === undefined ? {} : { bodyText }),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      mimeType: response.headers.get("content-type") ?? "",
      bodyText: await response.text(),
    },
  };
}

export function harText(exchanges: readonly CapturedExchange[]): string {
  const entries = exchanges.map((exchange, index) => {
    const url = new URL(exchange.request.url);
    const bodyText = exchange.request.bodyText;
    return {
      startedDateTime: new Date(Date.UTC(2026, 0, 1, 12, 0, index)).toISOString(),
      time: 1,
      request: {
        method: exchange.request.method,
        url: exchange.request.url,
        httpVersion: "HTTP/1.1",
        headers: Object.entries(exchange.request.headers).map(([name, value]) => ({ name, value })),
        queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
        cookies: [],
        headersSize: -1,
        bodySize: bodyText === undefined ? 0 : Buffer.byteLength(bodyText),
        ...(bodyText === undefined
          ? {}
          : {
              postData: {
                mimeType: exchange.request.headers["content-type"] ?? "text/plain",
                text: bodyText,
              },
            }),
      },
      response: {
        status: exchange.response.status,
        statusText: exchange.response.statusText,
        httpVersion: "HTTP/1.1",
        headers: [{ name: "content-type", value: exchange.response.mimeType }],
        cookies: [],
        content: {
          size: Buffer.byteLength(exchange.response.bodyText),
          mimeType: exchange.response.mimeType,
          text: exchange.response.bodyText,
        },
        redirectURL: "",
        headersSize: -1,
        bodySize: Buffer.byteLength(exchange.response.bodyText),
      },
      cache: {},
      timings: { send: 0, wait: 1, receive: 0 },
    };
  });
  return `${JSON.stringify(
    { log: { version: "1.2", creator: { name: "qaops-test", version: "1" }, entries } },
    null,
    2,
  )}\n`;
}
