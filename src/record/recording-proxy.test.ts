// The proxy records what real clients send through it (undici's ProxyAgent, curl -x --cacert),
// over plain HTTP and intercepted HTTPS, into a HAR the converter's intake reads back; hosts
// outside --host are tunnelled untouched; the proxy is reachable on 127.0.0.1 only.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import type { IncomingMessage } from "node:http";
import { connect as netConnect } from "node:net";
import type { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect as tlsConnect } from "node:tls";
import type { PeerCertificate } from "node:tls";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { ProxyAgent, fetch as undiciFetch } from "undici";
import { readHarCapture } from "../../tools/curl-to-test/intake/har-capture.ts";
import { HostPatterns } from "./host-patterns.ts";
import { startRecordingSession } from "./recording-session.ts";
import type { ProxyEvent } from "./recording-proxy.ts";
import type { RecordingSession } from "./recording-session.ts";
import { binaryBody, startEchoServers } from "../../test-support/record/echo-servers.ts";
import { harSchemaErrors } from "../../test-support/record/har-schema.ts";
import type { EchoServers } from "../../test-support/record/echo-servers.ts";

const run = promisify(execFile);

interface HarDocument {
  log: {
    entries: {
      request: { method: string; url: string; postData?: { text: string } };
      response: {
        status: number;
        headers: { name: string; value: string }[];
        content: { text?: string; encoding?: string; size: number };
      };
      timings: { send: number; wait: number; receive: number };
    }[];
  };
}

describe("recording proxy", () => {
  let servers: EchoServers;
  let folder: string;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    servers = await startEchoServers();
    folder = await mkdtemp(join(tmpdir(), "qaops-record-proxy-"));
    const upstreamCa = join(folder, "upstream.pem");
    await writeFile(upstreamCa, servers.cert);
    // The proxy trusts the self-signed upstream the way the user's Node would.
    env = { XDG_CONFIG_HOME: join(folder, "config"), NODE_EXTRA_CA_CERTS: upstreamCa };
  });

  after(async () => {
    await servers.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function record(
    name: string,
    hosts: string[],
    traffic: (session: RecordingSession) => Promise<void>,
    onEvent?: (event: ProxyEvent) => void,
  ): Promise<HarDocument> {
    const harPath = join(folder, `${name}.har`);
    const session = await startRecordingSession({
      env,
      port: 0,
      harPath,
      hosts: new HostPatterns(hosts),
      creatorVersion: "test",
      ...(onEvent ? { onEvent } : {}),
    });
    try {
      await traffic(session);
    } finally {
      await session.stop();
    }
    const har = JSON.parse(await readFile(harPath, "utf8")) as HarDocument;
    assert.deepEqual(await harSchemaErrors(har), [], "a valid HAR 1.2");
    return har;
  }

  /** Plain and intercepted requests through undici's ProxyAgent, each checked as it returns. */
  async function sendThroughUndici(session: RecordingSession): Promise<void> {
    const dispatcher = new ProxyAgent({
      uri: session.proxy.url,
      requestTls: { ca: session.ca.cert },
    });
    const send = async (url: string, init: Parameters<typeof undiciFetch>[1] = {}) => {
      const response = await undiciFetch(url, { ...init, dispatcher });
      return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
    };
    const plain = await send(`${servers.httpUrl}/echo?page=2`);
    assert.equal(plain.status, 200);
    const posted = await send(`${servers.httpsUrl}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ items: [1, 2] }),
    });
    assert.deepEqual(JSON.parse(posted.bytes.toString()), {
      method: "POST",
      path: "/echo",
      body: '{"items":[1,2]}',
    });
    assert.deepEqual((await send(`${servers.httpsUrl}/binary`)).bytes, binaryBody);
    assert.equal((await send(`${servers.httpUrl}/gzip`)).status, 200);
    assert.equal((await send(`${servers.httpsUrl}/missing`)).status, 404);
    await dispatcher.close();
  }

  it("records HTTP and intercepted HTTPS from undici's ProxyAgent, bodies and timings included", async () => {
    const har = await record("undici", [], sendThroughUndici);

    const entries = har.log.entries;
    assert.deepEqual(
      entries.map(
        (entry) => `${entry.request.method} ${entry.request.url} ${entry.response.status}`,
      ),
      [
        `GET ${servers.httpUrl}/echo?page=2 200`,
        `POST ${servers.httpsUrl}/echo 200`,
        `GET ${servers.httpsUrl}/binary 200`,
        `GET ${servers.httpUrl}/gzip 200`,
        `GET ${servers.httpsUrl}/missing 404`,
      ],
    );
    assert.equal(entries[1]?.request.postData?.text, '{"items":[1,2]}');
    const binary = entries[2]?.response.content;
    assert.equal(binary?.encoding, "base64");
    assert.deepEqual(Buffer.from(binary?.text ?? "", "base64"), binaryBody);
    // HAR content is the decoded body; the header still says how it travelled.
    const gzip = entries[3]?.response;
    assert.equal((JSON.parse(gzip?.content.text ?? "{}") as { path: string }).path, "/gzip");
    assert.ok(
      gzip?.headers.some((h) => h.name.toLowerCase() === "content-encoding" && h.value === "gzip"),
    );
    for (const entry of entries) {
      for (const phase of [entry.timings.send, entry.timings.wait, entry.timings.receive]) {
        assert.ok(Number.isFinite(phase) && phase >= 0, `timing ${phase}`);
      }
    }

    const intake = readHarCapture({ file: "undici.har", text: JSON.stringify(har) });
    assert.deepEqual(intake.failures, []);
    assert.deepEqual(
      intake.requests.map((request) => request.response?.status),
      [200, 200, 200, 200, 404],
    );
  });

  it("records what real curl sends with -x and --cacert", async () => {
    const har = await record("curl", [], async (session) => {
      await writeFile(join(folder, "ca.pem"), session.ca.cert);
      const curl = (url: string, ...extra: string[]) =>
        run("curl", [
          "-sS",
          "--max-time",
          "20",
          "-x",
          session.proxy.url,
          "--cacert",
          join(folder, "ca.pem"),
          ...extra,
          url,
        ]);
      const https = await curl(
        `${servers.httpsUrl}/echo`,
        "-H",
        "X-Trace: curl-https",
        "--data-binary",
        "a=1&b=2",
      );
      assert.equal((JSON.parse(https.stdout) as { body: string }).body, "a=1&b=2");
      await curl(`${servers.httpUrl}/echo?via=curl`);
    });
    assert.deepEqual(
      har.log.entries.map((entry) => `${entry.request.method} ${entry.request.url}`),
      [`POST ${servers.httpsUrl}/echo`, `GET ${servers.httpUrl}/echo?via=curl`],
    );
    assert.equal(har.log.entries[0]?.request.postData?.text, "a=1&b=2");
  });

  it("tunnels HTTPS to hosts outside --host without decrypting it, and records neither", async () => {
    let issuer = "";
    const har = await record("hosts", ["localhost"], async (session) => {
      const dispatcher = new ProxyAgent({
        uri: session.proxy.url,
        requestTls: { ca: session.ca.cert },
      });
      assert.equal((await undiciFetch(`${servers.httpsUrl}/echo`, { dispatcher })).status, 200);
      await dispatcher.close();
      // 127.0.0.1 is not "localhost" to the patterns: its TLS must reach the server as sent.
      issuer = await upstreamIssuer(session.proxy.port, servers.httpsPort);
      const plain = await fetchThroughProxy(session.proxy.port, `${servers.httpUrl}/echo?skip=1`);
      assert.equal(plain, 200);
    });
    assert.equal(issuer, "localhost", "the certificate came from the server itself, not the CA");
    assert.deepEqual(
      har.log.entries.map((entry) => entry.request.url),
      [`${servers.httpsUrl}/echo`],
    );
    assert.ok(
      servers.seen.includes("GET /echo?skip=1"),
      "the unrecorded request still went through",
    );
  });

  it("lets an unreachable upstream fail as it would without a proxy, and writes nothing for it", async () => {
    const events: string[] = [];
    const har = await record(
      "unreachable",
      [],
      async (session) => {
        // Port 9 (discard) on loopback: nothing listens there.
        const failure = await fetchThroughProxy(session.proxy.port, "http://127.0.0.1:9/orders");
        assert.equal(failure, "ECONNRESET", "the client's connection fails, as the server's did");
        assert.equal(await fetchThroughProxy(session.proxy.port, `${servers.httpUrl}/echo`), 200);
      },
      (event) => events.push(`${event.kind} ${event.host}`),
    );
    assert.deepEqual(
      har.log.entries.map((entry) => entry.request.url),
      [`${servers.httpUrl}/echo`],
    );
    assert.ok(events.includes("failed 127.0.0.1:9"), events.join(", "));
  });

  it("listens on 127.0.0.1 only", async () => {
    await record("loopback", [], async (session) => {
      assert.match(session.proxy.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      // mockttp on its own listens on every interface, IPv6 included.
      const socket = netConnect({ host: "::1", port: session.proxy.port });
      const outcome = await new Promise<string>((resolve) => {
        socket.once("connect", () => resolve("connected"));
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
      });
      socket.destroy();
      assert.match(outcome, /ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH/);
    });
  });
});

/** CONNECT through the proxy, then TLS without verification: who issued the certificate seen. */
async function upstreamIssuer(proxyPort: number, targetPort: number): Promise<string> {
  const connect = httpRequest({
    host: "127.0.0.1",
    port: proxyPort,
    method: "CONNECT",
    path: `127.0.0.1:${targetPort}`,
  });
  connect.end();
  const [response, socket] = (await once(connect, "connect")) as [{ statusCode: number }, Socket];
  assert.equal(response.statusCode, 200);
  const tls = tlsConnect({ socket, rejectUnauthorized: false });
  await once(tls, "secureConnect");
  const certificate: PeerCertificate = tls.getPeerCertificate();
  tls.destroy();
  return String(certificate.issuer.CN);
}

/** A plain-HTTP proxy request (absolute URL in the request line): its status or error code. */
async function fetchThroughProxy(proxyPort: number, url: string): Promise<number | string> {
  return new Promise((resolve) => {
    const request = httpRequest(
      { host: "127.0.0.1", port: proxyPort, path: url, headers: { host: new URL(url).host } },
      (response: IncomingMessage) => {
        response.resume();
        response.once("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? "error"));
    request.end();
  });
}
