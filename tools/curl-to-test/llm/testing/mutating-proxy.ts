/**
 * A real HTTP proxy on 127.0.0.1 (a free port) in front of one service, which rewrites JSON
 * response bodies with a given function: a contract break of the service, made to order, to
 * count which generated tests notice it.
 */
import { createServer } from "node:http";
import { buffer as readBody } from "node:stream/consumers";
import { closeServer, listenOnLoopback } from "../../../../test-support/loopback-server.ts";
import { transportHeaders } from "../../model/transport-headers.ts";

/** Returns the body to send instead, or undefined to leave it as it is. */
export type ResponseMutation = (input: { method: string; path: string; body: unknown }) => unknown;

export interface MutatingProxy {
  url: string;
  /** Responses the mutation changed. */
  mutated: number;
  close(): Promise<void>;
}

export async function startMutatingProxy(options: {
  target: string;
  mutate: ResponseMutation;
}): Promise<MutatingProxy> {
  const proxy: MutatingProxy = { url: "", mutated: 0, close: async () => {} };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const headers = Object.entries(req.headers).flatMap(([name, value]) =>
        // The proxy's own client sets these for its connection to the service.
        value === undefined || transportHeaders.has(name)
          ? []
          : [[name, Array.isArray(value) ? value.join(", ") : value] as [string, string]],
      );
      const method = req.method ?? "GET";
      fetch(new URL(req.url ?? "/", options.target), {
        method,
        headers,
        ...(body.length > 0 ? { body } : {}),
        redirect: "manual",
        signal: AbortSignal.timeout(10_000),
      })
        .then(async (upstream) => {
          let text = await upstream.text();
          if (/json/.test(upstream.headers.get("content-type") ?? "")) {
            const changed = options.mutate({
              method,
              path: (req.url ?? "/").split("?")[0]!,
              body: JSON.parse(text) as unknown,
            });
            if (changed !== undefined) {
              text = JSON.stringify(changed);
              proxy.mutated += 1;
            }
          }
          const out: Record<string, string> = {};
          upstream.headers.forEach((value, name) => {
            if (!transportHeaders.has(name)) out[name] = value;
          });
          res.writeHead(upstream.status, { ...out, "content-length": Buffer.byteLength(text) });
          res.end(text);
        })
        .catch((error: unknown) => {
          res.writeHead(502, { "content-type": "text/plain" });
          res.end(`proxy: ${error instanceof Error ? error.message : String(error)}`);
        });
    });
  });
  proxy.url = await listenOnLoopback(server);
  proxy.close = () => closeServer(server);
  return proxy;
}
