// Real curl sends each recorded call to the recording server only, whatever the capture named.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { startRecordingServer } from "./recording-server.ts";
import { curlArguments, sendWithCurl } from "./send-with-curl.ts";

describe("curlArguments", () => {
  it("adds the safety options to every transfer group, after the capture's own", () => {
    const args = curlArguments(["http://a", "-m", "20", "--next", "http://b"], 4000, 5);
    assert.equal(args[0], "-q");
    assert.equal(args.filter((arg) => arg === "--connect-to").length, 2);
    const firstGroupEnd = args.indexOf("--next");
    assert.ok(args.lastIndexOf("--max-time", firstGroupEnd) > args.indexOf("-m"));
    assert.deepEqual(args.slice(-2), ["--max-time", "5"]);
    assert.ok(args.includes("::127.0.0.1:4000"));
  });
});

describe("sendWithCurl", () => {
  it("delivers requests for any host, through any proxy option, to the loopback server", async () => {
    const server = await startRecordingServer();
    const work = await mkdtemp(join(tmpdir(), "qaops-curl-test-"));
    try {
      const outcome = await sendWithCurl({
        invocation: {
          args: [
            "-x",
            "http://proxy.invalid:3128",
            "http://api.example.invalid/v1?x=1",
            "-d",
            "@-",
          ],
          stdin: Buffer.from("a=1"),
          line: 1,
        },
        port: server.port,
        workDirectory: work,
        maxTimeSeconds: 5,
      });
      assert.equal(outcome.exitCode, 0, outcome.stderr);
      const [request] = server.requests;
      assert.equal(request?.target, "/v1?x=1");
      assert.equal(request?.headers.find((h) => h.name === "Host")?.value, "api.example.invalid");
      assert.equal(request?.body.toString(), "a=1");
    } finally {
      await server.close();
      await rm(work, { recursive: true, force: true });
    }
  });
});
