// The recording server keeps what arrives exactly as it arrived, for plain HTTP and TLS.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { connect } from "node:net";
import { describe, it } from "node:test";
import { makeLoopbackCertificate } from "./loopback-certificate.ts";
import { startRecordingServer } from "./recording-server.ts";
import type { RecordingServer } from "./recording-server.ts";
import { curlBinary } from "./send-with-curl.ts";

/** Writes raw bytes and resolves with everything the server answered before closing. */
function exchange(server: RecordingServer, raw: string, waitMs = 200): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(server.port, "127.0.0.1", () => socket.write(raw));
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
    socket.on("error", reject);
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, waitMs);
  });
}

function runCurl(args: string[], stdin = ""): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(curlBinary, ["-q", "-s", "-o", "/dev/null", "--max-time", "5", ...args]);
    child.stdin.end(stdin);
    child.on("close", resolve);
  });
}

describe("startRecordingServer", () => {
  it("records method case, raw target, and header names, order and repeats verbatim", async () => {
    const server = await startRecordingServer();
    try {
      const answer = await exchange(
        server,
        "wHat /a%2Fb/?x=1&x=2&y=%7e HTTP/1.1\r\nHost: h\r\nX-Tag:  one \r\nx-tag: two\r\nContent-Length: 3\r\n\r\nabc",
      );
      assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/);
      const [request] = server.requests;
      assert.equal(request?.method, "wHat");
      assert.equal(request?.target, "/a%2Fb/?x=1&x=2&y=%7e");
      assert.deepEqual(request?.headers, [
        { name: "Host", value: "h" },
        { name: "X-Tag", value: "one" },
        { name: "x-tag", value: "two" },
        { name: "Content-Length", value: "3" },
      ]);
      assert.equal(request?.body.toString(), "abc");
    } finally {
      await server.close();
    }
  });

  it("reads pipelined requests and chunked bodies on one connection", async () => {
    const server = await startRecordingServer();
    try {
      await exchange(
        server,
        "POST /one HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n" +
          "GET /two HTTP/1.1\r\nHost: h\r\n\r\n",
      );
      assert.deepEqual(
        server.requests.map((r) => [r.target, r.body.toString()]),
        [
          ["/one", "abcde"],
          ["/two", ""],
        ],
      );
    } finally {
      await server.close();
    }
  });

  it("answers Expect: 100-continue, so curl's chunked upload from stdin arrives whole", async () => {
    const server = await startRecordingServer();
    try {
      assert.equal(await runCurl(["-T", "-", `${server.url}/upload`], "streamed body"), 0);
      const [request] = server.requests;
      assert.equal(request?.method, "PUT");
      assert.equal(request?.body.toString(), "streamed body");
      assert.ok(request?.headers.some((h) => h.name === "Expect" && h.value === "100-continue"));
    } finally {
      await server.close();
    }
  });

  it("plays back the responder's reply, with no body for HEAD and 204", async () => {
    const server = await startRecordingServer({
      respond: (request) =>
        request.target === "/empty"
          ? { status: 204, headers: [], body: "ignored" }
          : { status: 201, headers: [{ name: "x-reply", value: "yes" }], body: '{"id":1}' },
    });
    try {
      const created = await exchange(server, "GET /made HTTP/1.1\r\nHost: h\r\n\r\n");
      assert.match(
        created,
        /^HTTP\/1\.1 201 OK\r\nx-reply: yes\r\ncontent-length: 8\r\n\r\n\{"id":1\}$/,
      );
      const head = await exchange(server, "HEAD /made HTTP/1.1\r\nHost: h\r\n\r\n");
      assert.ok(head.endsWith("content-length: 8\r\n\r\n"), head);
      const empty = await exchange(server, "DELETE /empty HTTP/1.1\r\nHost: h\r\n\r\n");
      assert.equal(empty, "HTTP/1.1 204 OK\r\n\r\n");
    } finally {
      await server.close();
    }
  });

  it("refuses a body over the limit with 413 and does not record it", async () => {
    const server = await startRecordingServer({ maxBodyBytes: 10 });
    try {
      const answer = await exchange(
        server,
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n",
      );
      assert.match(answer, /^HTTP\/1\.1 413 /);
      assert.equal(server.requests.length, 0);
    } finally {
      await server.close();
    }
  });

  it("speaks TLS on the same port when given a certificate", async () => {
    const tls = await makeLoopbackCertificate();
    assert.ok(tls, "openssl makes a certificate");
    const server = await startRecordingServer({ tls });
    try {
      const status = await runCurl([
        "--insecure",
        "--connect-to",
        `::127.0.0.1:${server.port}`,
        "https://api.example.com/secure?x=1",
        `${server.url}/plain`,
      ]);
      assert.equal(status, 0);
      assert.deepEqual(
        server.requests.map((r) => [r.target, r.headers.find((h) => h.name === "Host")?.value]),
        [
          ["/secure?x=1", "api.example.com"],
          ["/plain", `127.0.0.1:${server.port}`],
        ],
      );
    } finally {
      await server.close();
    }
  });
});
