// Each normalisation rule changes only what it names, and says so.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RecordedRequest } from "./recording-server.ts";
import { normaliseRequest, requestFingerprint } from "./wire-normalisation.ts";

function recorded(headers: [string, string][], body = "", target = "/"): RecordedRequest {
  return {
    method: "POST",
    target,
    headers: headers.map(([name, value]) => ({ name, value })),
    body: Buffer.from(body, "latin1"),
  };
}

describe("normaliseRequest", () => {
  it("leaves out transport headers and each client's own user-agent, keeping any other agent", () => {
    const curl = normaliseRequest(
      recorded([
        ["Host", "api.example.com"],
        ["User-Agent", "curl/7.88.1"],
        ["Accept-Encoding", "deflate, gzip"],
        ["Content-Length", "0"],
        ["X-Keep", "1"],
      ]),
      "curl",
    );
    assert.deepEqual(curl.headers, [["x-keep", "1"]]);
    assert.deepEqual([...curl.applied].sort(), [
      "client-user-agent",
      "field-name-case",
      "transport-headers",
    ]);

    const appAgent = normaliseRequest(
      recorded([["user-agent", "GiftTalk/2.7.2 (iPhone)"]]),
      "curl",
    );
    assert.deepEqual(appAgent.headers, [["user-agent", "GiftTalk/2.7.2 (iPhone)"]]);
    const playwrightAgentFromCurl = normaliseRequest(
      recorded([["user-agent", "Playwright/1.65.1"]]),
      "curl",
    );
    assert.deepEqual(playwrightAgentFromCurl.headers, [["user-agent", "Playwright/1.65.1"]]);
  });

  it("leaves out headers on the converter's documented noise list", () => {
    const browser = normaliseRequest(
      recorded([
        ["sec-fetch-mode", "cors"],
        ["User-Agent", "Mozilla/5.0 (X11; Linux x86_64)"],
        ["Accept", "application/json"],
      ]),
      "curl",
    );
    assert.deepEqual(browser.headers, [["accept", "application/json"]]);
    assert.ok(browser.applied.has("documented-noise"));
  });

  it("joins repeated headers (cookies with '; ') and sorts names", () => {
    const request = normaliseRequest(
      recorded([
        ["X-Tag", "b"],
        ["Cookie", "a=1"],
        ["x-tag", "c"],
        ["cookie", "b=2"],
      ]),
      "curl",
    );
    assert.deepEqual(request.headers, [
      ["cookie", "a=1; b=2"],
      ["x-tag", "b, c"],
    ]);
    assert.ok(request.applied.has("combined-fields"));
  });

  it("compares percent-encodings case-insensitively in the target and form bodies only", () => {
    const form = normaliseRequest(
      recorded([["Content-Type", "application/x-www-form-urlencoded"]], "q=%c3%a3", "/s?x=%2f"),
      "curl",
    );
    assert.equal(form.target, "/s?x=%2F");
    assert.equal(form.body.kind === "bytes" && form.body.bytes.toString(), "q=%C3%A3");
    const json = normaliseRequest(
      recorded([["Content-Type", "application/json"]], '"%c3"'),
      "curl",
    );
    assert.equal(json.body.kind === "bytes" && json.body.bytes.toString(), '"%c3"');
  });

  it("compares multipart bodies part by part, without the boundary", () => {
    const body = (boundary: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--${boundary}--\r\n`;
    const curl = normaliseRequest(
      recorded([["Content-Type", "multipart/form-data; boundary=-----curl"]], body("-----curl")),
      "curl",
    );
    const test = normaliseRequest(
      recorded([["content-type", "multipart/form-data; boundary=WebKit"]], body("WebKit")),
      "test",
    );
    assert.equal(requestFingerprint(curl), requestFingerprint(test));
    assert.deepEqual(curl.headers, [["content-type", "multipart/form-data"]]);
  });

  it("keeps method case and body bytes as they arrived", () => {
    const a = normaliseRequest({ ...recorded([], "x"), method: "wHat" }, "curl");
    const b = normaliseRequest({ ...recorded([], "x"), method: "WHAT" }, "test");
    assert.notEqual(requestFingerprint(a), requestFingerprint(b));
  });
});
