// --record replays captured requests against a real target (the demo platform, loopback
// recording servers) and keeps what came back as each request's response.
import assert from "node:assert/strict";
import { createServer } from "node:net";
import type { AddressInfo, Socket } from "node:net";
import { after, before, describe, it } from "node:test";
import type { CapturedRequest } from "../model/captured-request.ts";
import { startDemoPlatform } from "../../../src/demo-platform/platform.ts";
import type { DemoPlatform } from "../../../src/demo-platform/platform.ts";
import { startRecordingServer } from "../fidelity/recording-server.ts";
import { convertCaptures } from "../convert-captures.ts";
import { pathAndQuery, recordResponses } from "./record-responses.ts";
import { captureReplayer } from "./replay-capture.ts";
import { codedWarnings } from "../testing/coded-warnings.ts";

const apiToken = "record-test-token";

function captured(overrides: Partial<CapturedRequest> & { url: string }): CapturedRequest {
  return {
    source: { file: "capture.sh", line: 1, column: 1 },
    method: "GET",
    headers: [],
    body: { kind: "none" },
    warnings: [],
    ...overrides,
  };
}

describe("recordResponses against the demo platform", () => {
  let platform: DemoPlatform;
  before(async () => {
    platform = await startDemoPlatform({ port: 0, apiToken });
  });
  after(() => platform.close());

  it("records status, headers and JSON body, sent to the target instead of the captured host", async () => {
    const auth = { name: "Authorization", value: `Bearer ${apiToken}` };
    const [menu, placed, anonymous] = await recordResponses(
      [
        captured({ url: "https://api.example.com/v1/shops/1/menu", headers: [auth] }),
        captured({
          url: "https://api.example.com/v1/orders",
          method: "POST",
          headers: [
            auth,
            { name: "Content-Type", value: "application/json" },
            { name: "Idempotency-Key", value: "5b0f2c1e-1d7a-4c55-9a3e-7f1e2d3c4b5a" },
          ],
          body: {
            kind: "text",
            text: JSON.stringify({
              memberId: 301,
              shopId: 1,
              items: [{ menuItemId: 1, quantity: 1 }],
            }),
          },
        }),
        captured({ url: "https://api.example.com/v1/shops/1/menu" }),
      ],
      { target: platform.services.order.url },
    );
    assert.equal(menu?.response?.status, 200);
    assert.match(menu?.response?.mimeType ?? "", /json/);
    assert.equal((JSON.parse(menu?.response?.bodyText ?? "{}") as { shopId?: number }).shopId, 1);
    assert.equal(placed?.response?.status, 201);
    assert.ok(placed?.response?.headers.some((h) => h.name.toLowerCase() === "location"));
    assert.equal(anonymous?.response?.status, 401);
    assert.deepEqual(
      [menu, placed, anonymous].map((request) => request?.warnings),
      [[], [], []],
    );
  });
});

describe("recordResponses on the wire", () => {
  it("sends method, raw path and query, headers in order with duplicates, and the body", async () => {
    const server = await startRecordingServer();
    try {
      const [replayed] = await recordResponses(
        [
          captured({
            url: "https://shop.example.com:8443/v1/search?q=a%2Fb&q=c&empty=&raw=%7e#frag",
            method: "PATCH",
            headers: [
              { name: "Host", value: "shop.example.com" },
              { name: "X-Tag", value: "one" },
              { name: "accept-encoding", value: "gzip, br" },
              { name: "X-Tag", value: "two" },
              { name: "Content-Type", value: "text/plain" },
            ],
            body: { kind: "text", text: "naïve body" },
          }),
        ],
        { target: `${server.url}/prefix/` },
      );
      assert.equal(replayed?.response?.status, 200);
      const [received] = server.requests;
      assert.equal(received?.method, "PATCH");
      assert.equal(received?.target, "/prefix/v1/search?q=a%2Fb&q=c&empty=&raw=%7e");
      assert.deepEqual(
        received?.headers.filter((h) => h.name === "X-Tag").map((h) => h.value),
        ["one", "two"],
      );
      const names = received?.headers.map((h) => h.name.toLowerCase()) ?? [];
      assert.equal(
        received?.headers.find((h) => h.name.toLowerCase() === "host")?.value,
        `127.0.0.1:${server.port}`,
      );
      assert.ok(!names.includes("accept-encoding"), "the captured accept-encoding is not replayed");
      assert.equal(received?.body.toString("utf8"), "naïve body");
    } finally {
      await server.close();
    }
  });

  it("keeps a Content-Type given with -F and appends its own boundary, as curl does", async () => {
    const server = await startRecordingServer();
    try {
      const contentType = "multipart/related; boundary=captured";
      await recordResponses(
        [
          captured({
            url: "http://localhost:28139/upload",
            method: "POST",
            headers: [{ name: "Content-Type", value: contentType }],
            body: { kind: "multipart", parts: [{ name: "a", value: "1" }], contentType },
          }),
        ],
        { target: server.url },
      );
      const sent = server.requests[0]?.headers.filter((h) => /^content-type$/i.test(h.name));
      assert.equal(sent?.length, 1);
      assert.match(
        sent?.[0]?.value ?? "",
        /^multipart\/related; boundary=captured; boundary=qaops-record-/,
      );
    } finally {
      await server.close();
    }
  });

  it("rebuilds a multipart body with its own boundary, reading files from filesDirectory", async () => {
    const server = await startRecordingServer();
    try {
      await recordResponses(
        [
          captured({
            url: "http://localhost:28139/upload",
            method: "POST",
            headers: [{ name: "Content-Type", value: "multipart/form-data; boundary=captured" }],
            body: {
              kind: "multipart",
              parts: [
                { name: "label", value: "q3" },
                { name: "doc", filePath: "package.json", contentType: "application/json" },
              ],
            },
          }),
        ],
        { target: server.url, filesDirectory: process.cwd() },
      );
      const body = server.requests[0]?.body.toString("utf8") ?? "";
      const contentTypes = server.requests[0]?.headers.filter(
        (h) => h.name.toLowerCase() === "content-type",
      );
      assert.equal(contentTypes?.length, 1);
      assert.match(contentTypes?.[0]?.value ?? "", /^multipart\/form-data; boundary=qaops-record-/);
      assert.match(body, /name="label"\r\n\r\nq3\r\n/);
      assert.match(
        body,
        /name="doc"; filename="package.json"\r\nContent-Type: application\/json\r\n\r\n\{/,
      );
    } finally {
      await server.close();
    }
  });

  it("replays reads concurrently but never lets a write overlap another request", async () => {
    const server = await startRecordingServer();
    try {
      const urls = ["/a", "/b", "/write", "/c", "/d"];
      await recordResponses(
        urls.map((path) =>
          captured({ url: `http://api.test${path}`, method: path === "/write" ? "POST" : "GET" }),
        ),
        { target: server.url, concurrency: 4 },
      );
      const order = server.requests.map((request) => request.target);
      assert.equal(order.length, 5);
      assert.equal(
        order.indexOf("/write"),
        2,
        `the write comes after both earlier reads: ${order.join(" ")}`,
      );
    } finally {
      await server.close();
    }
  });

  it("keeps status and headers only when the body is over the size limit", async () => {
    const server = await startRecordingServer({
      respond: () => ({
        status: 200,
        headers: [{ name: "content-type", value: "application/json" }],
        body: JSON.stringify({ blob: "x".repeat(5000) }),
      }),
    });
    try {
      const [replayed] = await recordResponses([captured({ url: "http://api.test/big" })], {
        target: server.url,
        maxBodyBytes: 1000,
      });
      assert.equal(replayed?.response?.status, 200);
      assert.equal(replayed?.response?.bodyText, undefined);
    } finally {
      await server.close();
    }
  });
});

describe("recordResponses when the target does not answer", () => {
  it("warns per request, naming the path but never the query, headers or body", async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const secret = "sk-live-do-not-print";
      const [replayed] = await recordResponses(
        [
          captured({
            url: `https://api.example.com/v1/me?access_token=${secret}`,
            headers: [{ name: "Authorization", value: `Bearer ${secret}` }],
          }),
        ],
        { target: `http://127.0.0.1:${port}`, timeoutMs: 300 },
      );
      assert.equal(replayed?.response, undefined);
      assert.deepEqual(replayed?.warnings, [
        {
          code: "record-no-response",
          message: "--record: GET /v1/me got no response (no answer within 300 ms)",
          location: replayed?.source,
        },
      ]);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it("warns with the error code when the connection is refused", async () => {
    const closed = await startRecordingServer();
    const url = closed.url;
    await closed.close();
    const [replayed] = await recordResponses([captured({ url: "http://api.test/x" })], {
      target: url,
    });
    assert.deepEqual(codedWarnings(replayed?.warnings), [
      ["record-no-response", "--record: GET /x got no response (ECONNREFUSED)"],
    ]);
  });

  it("rejects a target that is not an http(s) URL", async () => {
    await assert.rejects(recordResponses([], { target: "ftp://example.com" }), /not supported/);
    await assert.rejects(recordResponses([], { target: "not a url" }), /is not a URL/);
  });
});

describe("pathAndQuery", () => {
  it("keeps the raw path and query and drops origin and fragment", () => {
    assert.equal(pathAndQuery("https://h.example:8443/a%20b/?x=%7e&x=1#top"), "/a%20b/?x=%7e&x=1");
    assert.equal(pathAndQuery("http://h.example"), "/");
    assert.equal(pathAndQuery("http://h.example?only=query"), "/?only=query");
  });
});

describe("captureReplayer in the conversion pipeline", () => {
  it("turns a recorded response into the spec's assertions, and a failed replay into a warning", async () => {
    const platform = await startDemoPlatform({ port: 0, apiToken });
    try {
      const command = `curl 'https://api.example.com/v1/shops/2/menu' -H 'Authorization: Bearer ${apiToken}'`;
      const recorded = await convertCaptures({
        inputs: [{ name: "menu.sh", text: command }],
        service: "order",
        recordResponses: captureReplayer({ target: platform.services.order.url }),
      });
      const spec = recorded.specs[0]?.text ?? "";
      assert.match(spec, /toBe\(200\)/);
      assert.match(spec, /shopId/);
      assert.ok(!spec.includes(apiToken), "the token stays out of the spec");

      const unreachable = await convertCaptures({
        inputs: [{ name: "menu.sh", text: command }],
        service: "order",
        recordResponses: captureReplayer({ target: "http://127.0.0.1:1", timeoutMs: 500 }),
      });
      assert.ok(
        unreachable.warnings.some((w) =>
          w.message.startsWith("--record: GET /v1/shops/2/menu got no response"),
        ),
        unreachable.warnings.map((w) => w.message).join("\n"),
      );
    } finally {
      await platform.close();
    }
  });
});
