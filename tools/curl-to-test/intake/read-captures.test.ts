import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { codedWarnings, warningMessages } from "../testing/coded-warnings.ts";
import { readCaptures } from "./read-captures.ts";

const fixtures = new URL("../fixtures/captures/", import.meta.url);

function readFixture(name: string) {
  const text = readFileSync(new URL(name, fixtures), "utf8");
  return readCaptures([{ name, text }], { filesDirectory: fixtures.pathname });
}

function only<T>(items: T[]): T {
  assert.equal(items.length, 1, `expected exactly one item, got ${items.length}`);
  return items[0] as T;
}

describe("readCaptures on browser and proxy pastes", () => {
  it("reads Chrome's Copy as cURL with a $'…' body, keeping header order and case", () => {
    const result = readFixture("chrome-copy-as-curl.sh");
    assert.deepEqual(result.failures, []);
    const request = only(result.requests);
    assert.deepEqual(request.source, { file: "chrome-copy-as-curl.sh", line: 2, column: 1 });
    assert.equal(request.method, "POST");
    assert.equal(request.url, "https://api.example.com/v1/orders?channel=web&channel=app");
    assert.deepEqual(
      request.headers.map((header) => header.name),
      [
        "Cookie",
        "accept",
        "accept-language",
        "authorization",
        "content-type",
        "origin",
        "priority",
        "referer",
        "sec-ch-ua",
        "sec-ch-ua-mobile",
        "sec-fetch-mode",
        "user-agent",
      ],
    );
    assert.equal(request.headers[0]?.value, "sessionid=s3ss10nAbcDef; theme=dark");
    assert.equal(request.headers[8]?.value, '"Chromium";v="128", "Not;A=Brand";v="24"');
    assert.deepEqual(request.body, {
      kind: "text",
      text: '{"shopId":"shop-7","note":"ring the bell \u2014 it\'s loud\\n","items":[{"sku":"café-latte","qty":2}]}',
      mimeType: "application/json",
    });
    assert.deepEqual(request.warnings, []);
  });

  it("reads Copy all as cURL into one request per command, each at its own line", () => {
    const result = readFixture("chrome-copy-all-as-curl.sh");
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.requests.map((request) => [request.source.line, request.method, request.url]),
      [
        [2, "GET", "https://api.example.com/v1/orders/"],
        [5, "GET", "https://api.example.com/v1/orders/ord-1?expand=items&expand=eta"],
        [7, "POST", "https://api.example.com/v1/orders/ord-1/cancel"],
      ],
    );
    assert.deepEqual(result.requests[2]?.body, {
      kind: "text",
      text: '{"reason":"late"}',
      mimeType: "application/json",
    });
  });

  it("reads Firefox's paste with an empty header and repeated form keys", () => {
    const request = only(readFixture("firefox-copy-as-curl.sh").requests);
    assert.equal(request.url, "https://api.example.com/v1/eta/estimate?shop=7&lat=37.5&lng=127.0");
    assert.deepEqual(request.headers[3], { name: "X-Empty", value: "" });
    assert.deepEqual(request.body, {
      kind: "text",
      text: "mode=precise&mode=approx&address=Seoul%20Station",
      mimeType: "application/x-www-form-urlencoded",
    });
  });

  it("reads Charles's Copy cURL Request with double quotes and the URL last", () => {
    const request = only(readFixture("charles-copy-curl-request.sh").requests);
    assert.equal(request.method, "POST");
    assert.equal(request.url, "https://api.example.com/v1/recommendations");
    assert.deepEqual(request.headers.slice(0, 3), [
      { name: "Host", value: "api.example.com" },
      { name: "Accept", value: "*/*" },
      { name: "X-Api-Key", value: "k3yV4lu3Abc12345" },
    ]);
    assert.deepEqual(request.body, {
      kind: "text",
      text: '{"memberId":"m-42","service":"grocery","feature":"fruit"}',
      mimeType: "application/json",
    });
  });

  it("turns user info in a Proxyman URL into Basic auth and keeps the trailing slash", () => {
    const request = only(readFixture("proxyman-copy-curl.sh").requests);
    assert.equal(request.method, "PUT");
    assert.equal(request.url, "https://api.example.com/v1/orders/ord-9/status/");
    assert.deepEqual(request.headers[0], {
      name: "Authorization",
      value: `Basic ${Buffer.from("ops:pa55word").toString("base64")}`,
    });
  });

  it('reads Windows cmd pastes: ^ escapes, ^\\^" quotes and two commands', () => {
    const result = readFixture("windows-cmd.cmd");
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.requests.map((request) => [request.source.line, request.method, request.url]),
      [
        [2, "POST", "https://api.example.com/v1/orders?shop=7&sort=-created"],
        [7, "GET", "https://api.example.com/v1/orders/ord-1"],
      ],
    );
    assert.deepEqual(result.requests[0]?.body, {
      kind: "text",
      text: '{"note":"50% off & free","qty":2}',
      mimeType: "application/json",
    });
  });

  it("reads PowerShell curl.exe with backtick continuations and escapes", () => {
    const result = readFixture("powershell-curl-exe.ps1");
    assert.deepEqual(result.failures, []);
    assert.equal(result.requests.length, 2);
    const [post, get] = result.requests;
    assert.equal(post?.url, "https://api.example.com/v1/orders");
    assert.deepEqual(post?.headers, [
      { name: "Content-Type", value: "application/json" },
      { name: "X-Note", value: 'say "hi"' },
    ]);
    assert.deepEqual(post?.body, {
      kind: "text",
      text: '{"shopId":"shop-7","qty":1}',
      mimeType: "application/json",
    });
    assert.deepEqual(get?.source, { file: "powershell-curl-exe.ps1", line: 7, column: 1 });
  });
});

describe("readCaptures on curl options", () => {
  const result = readFixture("curl-options-tour.sh");

  it("keeps -F parts in order: inline, @upload, <file value, duplicates, --form-string", () => {
    assert.deepEqual(result.requests[0]?.body, {
      kind: "multipart",
      parts: [
        { name: "meta", value: '{"a":1}', contentType: "application/json" },
        {
          name: "file",
          filePath: "receipt.pdf",
          filename: "r.pdf",
          contentType: "application/pdf",
          missing: true,
        },
        { name: "note", filePath: "note.txt", missing: true },
        { name: "tag", value: "a" },
        { name: "tag", value: "b" },
        { name: "raw", value: "@not-a-file" },
      ],
    });
    assert.deepEqual(codedWarnings(result.requests[0]?.warnings), [
      [
        "file-missing",
        '-F field "file": the file receipt.pdf does not exist here; the test needs it when it runs',
      ],
      [
        "file-missing",
        '-F field "note": the file note.txt does not exist here; the test needs it when it runs',
      ],
    ]);
  });

  it("moves -G data into the query, encoding --data-urlencode like curl", () => {
    const request = result.requests[1];
    assert.equal(request?.method, "GET");
    assert.equal(
      request?.url,
      "https://api.example.com/v1/search?page=2&q=pizza&city=S%C3%A3o+Paulo+%26+more",
    );
    assert.deepEqual(request?.headers, [{ name: "Authorization", value: "Basic cWE6czNjcmV0" }]);
    assert.deepEqual(request?.body, { kind: "none" });
  });

  it("sends --json with its Content-Type and Accept, and -I as HEAD", () => {
    assert.deepEqual(result.requests[2]?.headers, [
      { name: "Content-Type", value: "application/json" },
      { name: "Accept", value: "application/json" },
    ]);
    assert.equal(result.requests[3]?.method, "HEAD");
  });

  it("names every option a test cannot reproduce in a warning", () => {
    const request = result.requests[4];
    assert.deepEqual(warningMessages(request?.warnings), [
      "-k: curl skipped TLS certificate checks; the test checks certificates unless the Playwright config sets ignoreHTTPSErrors",
      "--proxy: the request went through a proxy; the test connects to baseURL directly",
      "--cert: client certificates and custom certificate authorities are not configured in the generated test",
      "--key: client certificates and custom certificate authorities are not configured in the generated test",
      "--max-time 5: curl's time limit is not applied; Playwright's own test timeout is",
      "-L: curl followed redirects; the test follows them too (Playwright's default), so the asserted status is the final one",
      "-b jar.txt: cookies read from a file are not sent by the test",
    ]);
    const codes = new Set(request?.warnings.map((warning) => warning.code));
    assert.deepEqual(codes, new Set(["option-not-reproduced", "cookie-file-not-sent"]));
    assert.ok(request?.warnings.every((warning) => warning.location === request.source));
  });
});

describe("readCaptures on HAR exports", () => {
  it("keeps Chrome's API calls, drops pseudo-headers and fragments, decodes base64 and multipart", () => {
    const result = readFixture("chrome-export.har");
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.requests.map((request) => [request.source.line, request.method, request.url]),
      [
        [188, "POST", "https://api.example.com/v1/orders?channel=web"],
        [274, "GET", "https://api.example.com/v1/orders/ord-1"],
        [362, "POST", "https://api.example.com/v1/deliveries/photo"],
      ],
    );
    const [post, get, upload] = result.requests;
    assert.equal(post?.headers[0]?.name, "accept");
    assert.ok(post?.headers.every((header) => !header.name.startsWith(":")));
    assert.equal(post?.response?.status, 201);
    assert.equal(get?.response?.bodyText, '{"id":"ord-1","status":"PLACED","etaMinutes":25}');
    assert.deepEqual(upload?.body, {
      kind: "multipart",
      parts: [
        { name: "orderId", value: "ord-1" },
        { name: "photo", value: "", filename: "door.png", contentType: "image/png" },
      ],
    });
    assert.deepEqual(codedWarnings(upload?.warnings), [
      [
        "file-content-not-captured",
        'multipart field "photo": the file\'s content was not captured; an empty file is sent',
      ],
    ]);
    assert.deepEqual(result.skipped, [
      "chrome-export.har: 1 page document skipped",
      "chrome-export.har: 2 static assets skipped",
      "chrome-export.har: 1 CORS preflight skipped",
      "chrome-export.har: 1 analytics or beacon request skipped",
      "chrome-export.har: 1 WebSocket connection skipped",
    ]);
  });

  it("tells Firefox's static assets by MIME type and keeps the raw form text", () => {
    const result = readFixture("firefox-export.har");
    assert.deepEqual(result.skipped, ["firefox-export.har: 2 static assets skipped"]);
    assert.deepEqual(result.requests[0]?.body, {
      kind: "text",
      text: "mode=precise&shop=7&shop=8",
      mimeType: "application/x-www-form-urlencoded",
    });
    assert.deepEqual(result.requests[1]?.body, {
      kind: "text",
      text: "user=qa%40example.com&password=hunter2+%26+more",
      mimeType: "application/x-www-form-urlencoded",
    });
    assert.deepEqual(codedWarnings(result.requests[1]?.warnings), [
      [
        "form-rebuilt",
        "the form body was rebuilt from its fields; the capture did not keep the raw text",
      ],
    ]);
  });

  it("decodes Charles's base64 request bodies: binary stays bytes, UTF-8 becomes text", () => {
    const result = readFixture("charles-export.har");
    const [binary, json, unanswered] = result.requests;
    assert.deepEqual(binary?.body, {
      kind: "binary",
      base64: Buffer.from([8, 150, 1, 18, 3, 0xff, 0xfe, 0]).toString("base64"),
      mimeType: "application/x-protobuf",
    });
    assert.equal(binary?.response?.bodyText, undefined);
    assert.deepEqual(json?.body, {
      kind: "text",
      text: '{"memberId":"m-42","name":"Zoë"}',
      mimeType: "application/json",
    });
    assert.equal(unanswered?.url, "https://api.example.com/v1/unreachable");
    assert.equal(unanswered?.response, undefined);
    assert.deepEqual(result.skipped, ["charles-export.har: 1 analytics or beacon request skipped"]);
  });
});

describe("readCaptures on broken input", () => {
  it("reports an unterminated quote with a caret, and still converts the command before it", () => {
    const result = readFixture("broken-unterminated-quote.sh");
    assert.equal(only(result.requests).url, "https://api.example.com/v1/ping");
    assert.deepEqual(only(result.failures), {
      source: { file: "broken-unterminated-quote.sh", line: 3, column: 45 },
      message: 'unterminated double quote (") starting here',
      excerpt: {
        line: "curl 'https://api.example.com/v1/orders' -H \"accept: application/json",
        caret: `${" ".repeat(44)}^`,
      },
    });
  });

  it("refuses text that is neither curl nor HAR, pointing at its first word", () => {
    const result = readFixture("broken-not-curl.txt");
    assert.deepEqual(result.requests, []);
    assert.deepEqual(only(result.failures), {
      source: { file: "broken-not-curl.txt", line: 1, column: 1 },
      message: "not a curl command or HAR file",
      excerpt: { line: "GET /v1/orders HTTP/1.1", caret: "^^^" },
    });
  });

  it("reports a HAR syntax error at its line and column, without quoting the file", () => {
    const failure = only(readFixture("broken-har.har").failures);
    assert.deepEqual(failure.source, { file: "broken-har.har", line: 3, column: 92 });
    assert.equal(failure.message, 'HAR file is not valid JSON: unexpected ","');
    assert.equal(failure.excerpt?.caret, `${" ".repeat(91)}^`);
  });

  it("converts the good inputs when another input fails, and reads stdin named -", () => {
    const result = readCaptures([
      { name: "-", text: "curl https://api.example.com/v1/ping" },
      { name: "bad.sh", text: "curl 'https://api.example.com" },
    ]);
    assert.deepEqual(only(result.requests).source, { file: "-", line: 1, column: 1 });
    assert.equal(only(result.failures).source.file, "bad.sh");
  });

  it("fails a command that is not curl but keeps pipeline partners out of the way", () => {
    const result = readCaptures([
      { name: "p.sh", text: "echo '{}' | curl -d @- https://h/a | jq .\nls -la\n" },
    ]);
    assert.equal(only(result.requests).url, "https://h/a");
    assert.deepEqual(codedWarnings(only(result.requests).warnings), [
      [
        "stdin-not-captured",
        "-d @-: the body was read from standard input, which the capture does not include",
      ],
    ]);
    assert.equal(only(result.failures).message, 'not a curl command: it runs "ls"');
  });
});
