// --record reads the files a capture names as curl does: query values and bodies turned the way
// curl's options turn them, checked on the wire by a loopback recording server.
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { CapturedRequest } from "../model/captured-request.ts";
import { startRecordingServer } from "../fidelity/recording-server.ts";
import { captured as capturedAt } from "../plan/testing/capture-builders.ts";
import { recordResponses } from "./record-responses.ts";

function captured(overrides: Partial<CapturedRequest> & { url: string }): CapturedRequest {
  return { ...capturedAt(overrides.method ?? "GET", overrides.url), ...overrides };
}

describe("recordResponses: files the capture names", () => {
  it("appends query parameters read from files in filesDirectory, turned as curl does", async () => {
    const server = await startRecordingServer();
    const folder = await mkdtemp(join(tmpdir(), "record-query-"));
    try {
      await writeFile(join(folder, "q.txt"), "a b&c\n");
      await writeFile(join(folder, "d.txt"), "a=1&b=x/y\r\n");
      await recordResponses(
        [
          captured({
            url: "http://localhost:28139/search?x=1&",
            queryFiles: [
              { name: "q", path: "q.txt", transform: "urlencode" },
              { path: "q.txt", transform: "urlencode" },
              { path: "d.txt", transform: "strip-newlines" },
            ],
          }),
        ],
        { target: server.url, filesDirectory: folder },
      );
      assert.equal(server.requests[0]?.target, "/search?x=1&q=a+b%26c%0A&a+b%26c%0A&a=1&b=x/y");
    } finally {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("sends a file body as curl does: -d strips CR and LF, --data-urlencode encodes after name=", async () => {
    const server = await startRecordingServer();
    const folder = await mkdtemp(join(tmpdir(), "record-body-"));
    try {
      await writeFile(join(folder, "form.txt"), "a=1&b=2\r\n");
      const post = (path: string, body: CapturedRequest["body"]) =>
        captured({ url: `http://localhost:28139${path}`, method: "POST", body });
      await recordResponses(
        [
          post("/data", { kind: "file", path: "form.txt", transform: "strip-newlines" }),
          post("/encoded", {
            kind: "file",
            path: "form.txt",
            transform: "urlencode",
            urlencodeName: "q",
          }),
          post("/binary", { kind: "file", path: "form.txt" }),
        ],
        { target: server.url, filesDirectory: folder },
      );
      const sent = (target: string) =>
        server.requests.find((request) => request.target === target)?.body.toString("utf8");
      assert.equal(sent("/data"), "a=1&b=2");
      assert.equal(sent("/encoded"), "q=a%3D1%26b%3D2%0D%0A");
      assert.equal(sent("/binary"), "a=1&b=2\r\n");
    } finally {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
