import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { codedWarnings } from "../testing/coded-warnings.ts";
import { readHarCapture } from "./har-capture.ts";

interface EntrySketch {
  method?: string;
  url: string;
  headers?: [string, string][];
  resourceType?: string;
  mimeType?: string;
  status?: number;
  postData?: Record<string, unknown>;
}

function har(entries: EntrySketch[]): string {
  return JSON.stringify(
    {
      log: {
        version: "1.2",
        entries: entries.map((entry) => ({
          ...(entry.resourceType ? { _resourceType: entry.resourceType } : {}),
          request: {
            method: entry.method ?? "GET",
            url: entry.url,
            headers: (entry.headers ?? []).map(([name, value]) => ({ name, value })),
            ...(entry.postData ? { postData: entry.postData } : {}),
          },
          response: {
            status: entry.status ?? 200,
            headers: [],
            content: { mimeType: entry.mimeType ?? "application/json", text: "{}" },
          },
        })),
      },
    },
    null,
    2,
  );
}

function read(entries: EntrySketch[], onlyDominantHost = false) {
  return readHarCapture({ file: "t.har", text: har(entries) }, { onlyDominantHost });
}

describe("readHarCapture scope", () => {
  it("skips static assets by resource type, extension and MIME type, and counts them", () => {
    const result = read([
      { url: "https://cdn.example.com/app.js", resourceType: "script" },
      { url: "https://cdn.example.com/logo.svg?v=3" },
      { url: "https://api.example.com/theme", mimeType: "text/css" },
      { url: "https://api.example.com/v1/menu" },
    ]);
    assert.deepEqual(
      result.requests.map((request) => request.url),
      ["https://api.example.com/v1/menu"],
    );
    assert.deepEqual(result.skipped, ["t.har: 3 static assets skipped"]);
  });

  it("keeps a POST to a .js-looking path and an OPTIONS that is not a preflight", () => {
    const result = read([
      { method: "POST", url: "https://api.example.com/v1/scripts/run.js" },
      { method: "OPTIONS", url: "https://api.example.com/v1/orders" },
      {
        method: "OPTIONS",
        url: "https://api.example.com/v1/orders",
        headers: [["Access-Control-Request-Method", "PUT"]],
      },
    ]);
    assert.deepEqual(
      result.requests.map((request) => request.method),
      ["POST", "OPTIONS"],
    );
    assert.deepEqual(result.skipped, ["t.har: 1 CORS preflight skipped"]);
  });

  it("skips analytics hosts and their subdomains, not look-alikes", () => {
    const result = read([
      { method: "POST", url: "https://region1.google-analytics.com/g/collect" },
      { method: "POST", url: "https://o1.ingest.sentry.io/api/1/envelope/" },
      { url: "https://notsentry.io/v1/status" },
    ]);
    assert.deepEqual(
      result.requests.map((request) => request.url),
      ["https://notsentry.io/v1/status"],
    );
    assert.deepEqual(result.skipped, ["t.har: 2 analytics or beacon requests skipped"]);
  });

  it("keeps only the dominant host when asked, and says which host was kept", () => {
    const entries = [
      { url: "https://api.example.com/v1/a" },
      { url: "https://api.example.com/v1/b" },
      { url: "https://auth.example.com/token" },
    ];
    assert.equal(read(entries).requests.length, 3);
    const result = read(entries, true);
    assert.deepEqual(
      result.requests.map((request) => request.url),
      ["https://api.example.com/v1/a", "https://api.example.com/v1/b"],
    );
    assert.deepEqual(result.skipped, [
      "t.har: 1 request to another host skipped (kept api.example.com)",
    ]);
  });
});

describe("readHarCapture entries", () => {
  it("points each request at the line its entry starts on", () => {
    const text = har([{ url: "https://api.example.com/a" }, { url: "https://api.example.com/b" }]);
    const lines = text.split("\n");
    const result = readHarCapture({ file: "t.har", text });
    for (const request of result.requests) {
      const line = lines[request.source.line - 1] ?? "";
      assert.equal(line.trim(), "{");
      assert.ok(
        lines
          .slice(request.source.line, request.source.line + 8)
          .join("\n")
          .includes(request.url),
      );
    }
    assert.ok((result.requests[1]?.source.line ?? 0) > (result.requests[0]?.source.line ?? 0));
  });

  it("rebuilds a multipart body from params when the text is missing", () => {
    const result = read([
      {
        method: "POST",
        url: "https://api.example.com/upload",
        postData: {
          mimeType: "multipart/form-data; boundary=x",
          params: [
            { name: "id", value: "7" },
            { name: "file", fileName: "a.png", contentType: "image/png" },
          ],
        },
      },
    ]);
    assert.deepEqual(result.requests[0]?.body, {
      kind: "multipart",
      parts: [
        { name: "id", value: "7" },
        { name: "file", value: "", filename: "a.png", contentType: "image/png" },
      ],
    });
    assert.deepEqual(codedWarnings(result.requests[0]?.warnings), [
      [
        "file-content-not-captured",
        'multipart field "file": the file\'s content was not captured; an empty file is sent',
      ],
    ]);
  });

  it("fails an entry without URL but converts the others", () => {
    const text = JSON.stringify({
      log: {
        entries: [
          { request: { method: "GET" } },
          { request: { method: "GET", url: "https://h/a" } },
        ],
      },
    });
    const result = readHarCapture({ file: "t.har", text });
    assert.equal(result.requests.length, 1);
    assert.equal(result.failures[0]?.message, "HAR entry 1 has no request URL");
  });

  it("refuses JSON that is not a HAR, and a file cut short", () => {
    assert.equal(
      readHarCapture({ file: "t.har", text: '{"hello": 1}' }).failures[0]?.message,
      'not a HAR file: it has no "log.entries" array',
    );
    const cut = readHarCapture({ file: "t.har", text: '{"log": {"entries": [' });
    assert.equal(cut.failures[0]?.message, "HAR file is not valid JSON: it ends too early");
  });
});
