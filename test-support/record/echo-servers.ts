/**
 * The upstream servers recordings go to in tests: one plain HTTP and one HTTPS (a throwaway
 * self-signed certificate for `localhost`), both on loopback, answering with what they got.
 */
import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { buffer as readBody } from "node:stream/consumers";
import { gzipSync } from "node:zlib";
import { makeLoopbackCertificate } from "../../tools/curl-to-test/fidelity/loopback-certificate.ts";

export interface EchoServers {
  /** `http://127.0.0.1:<port>` */
  httpUrl: string;
  /** `https://localhost:<port>`: the name its certificate holds. */
  httpsUrl: string;
  httpsPort: number;
  /** The HTTPS server's self-signed certificate (PEM). */
  cert: string;
  /** Requests that reached a server, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

/** 256 bytes, every value once: a body no text decoding survives. */
export const binaryBody = Buffer.from(Array.from({ length: 256 }, (_, index) => index));

export async function startEchoServers(): Promise<EchoServers> {
  const certificate = await makeLoopbackCertificate();
  if (!certificate) throw new Error("openssl is needed to make the test's HTTPS certificate");
  const seen: string[] = [];
  const handler = (request: IncomingMessage, response: ServerResponse) =>
    void answer(request, response, seen);
  const http = createHttpServer(handler);
  const https = createHttpsServer(certificate, handler);
  http.listen(0, "127.0.0.1");
  https.listen(0, "127.0.0.1");
  await Promise.all([once(http, "listening"), once(https, "listening")]);
  const httpsPort = (https.address() as AddressInfo).port;
  return {
    httpUrl: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    httpsUrl: `https://localhost:${httpsPort}`,
    httpsPort,
    cert: certificate.cert,
    seen,
    close: async () => {
      await Promise.all([close(http), close(https)]);
    },
  };
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  seen: string[],
): Promise<void> {
  const body = await readBody(request);
  const path = request.url ?? "/";
  seen.push(`${request.method} ${path}`);
  if (path.startsWith("/binary")) {
    response.writeHead(200, { "content-type": "application/octet-stream" });
    response.end(binaryBody);
    return;
  }
  if (path.startsWith("/slow")) {
    // Never answers: an exchange still in flight when the recording stops.
    response.writeHead(200, { "content-type": "text/plain" });
    response.write("started");
    return;
  }
  const json = JSON.stringify({ method: request.method, path, body: body.toString("utf8") });
  if (path.startsWith("/gzip")) {
    response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
    response.end(gzipSync(json));
    return;
  }
  response.writeHead(path.startsWith("/missing") ? 404 : 200, {
    "content-type": "application/json",
    "set-cookie": "session_id=s3cr3t-session-value; Path=/; HttpOnly",
  });
  response.end(json);
}

async function close(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((done) => server.close(() => done()));
}
