import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { detectCaptureFormat } from "./detect-capture-format.ts";
import { readCaptures } from "./read-captures.ts";

const fixtures = new URL("../fixtures/captures/", import.meta.url);

function readFixture(name: string) {
  const text = readFileSync(new URL(name, fixtures), "utf8");
  return readCaptures([{ name, text }], { filesDirectory: fixtures.pathname });
}

function read(name: string, text: string) {
  return readCaptures([{ name, text }], { filesDirectory: fixtures.pathname });
}

function bodyText(request: { body: { kind: string; text?: string } } | undefined): string {
  return request?.body.kind === "text" ? (request.body.text ?? "") : "";
}

describe("Windows and PowerShell paste styles", () => {
  it("reads Firefox's doubled quotes as quotes, not as empty strings", () => {
    const result = readFixture("firefox-windows-doubled-quotes.cmd");
    assert.deepEqual(result.failures, []);
    assert.equal(bodyText(result.requests[0]), '{"shopId":7,"note":"no onions"}');
    assert.equal(detectCaptureFormat('curl "https://h" --data-raw "{""id"":""x""}"'), "cmd");
    // bash: an empty JSON string inside single quotes is no sign of Windows.
    assert.equal(detectCaptureFormat(`curl https://h -d '{"a":""}'`), "bash");
  });

  it("reads older Chrome cmd quoting as the browser sent it, and says cmd.exe would not", () => {
    const result = readFixture("chrome-cmd-older-quoting.cmd");
    assert.deepEqual(result.failures, []);
    const request = result.requests[0];
    assert.equal(bodyText(request), '{"shopId":7,"note":"no onions"}');
    const quoting = request?.warnings.find((each) => each.code === "cmd-older-chrome-quoting");
    assert.match(quoting?.message ?? "", /older Chrome's cmd quoting/);
  });

  it("reads curl.exe called by path, through &, assigned and piped", () => {
    const result = readFixture("powershell-curl-by-path.ps1");
    assert.deepEqual(result.failures, []);
    assert.deepEqual(
      result.requests.map((request) => `${request.method} ${request.url}`),
      [
        "POST https://api.example.com/v1/orders",
        "GET https://api.example.com/v1/orders/ord_12345678",
        "GET https://api.example.com/v1/members/12345/orders",
      ],
    );
    assert.equal(bodyText(result.requests[0]), '{"shopId":7}');
  });

  it("reads a HAR that starts with a byte-order mark, pointing at the file's own lines", () => {
    const result = readFixture("mitmproxy-export-with-bom.har");
    assert.deepEqual(result.failures, []);
    assert.equal(result.requests[0]?.url, "https://api.example.com/v1/orders/ord_12345678");
    const broken = read("bad.har", "\uFEFF{\n  ,\n}");
    assert.deepEqual(
      broken.failures.map((failure) => [failure.source.line, failure.source.column]),
      [[2, 3]],
    );
  });
});

describe("arguments a spec could not send", () => {
  it("refuses an invalid method with a caret under it", () => {
    const result = read("m.sh", "curl -X 'BAD METHOD' https://h/x\n");
    const failure = result.failures[0];
    assert.equal(result.requests.length, 0);
    assert.deepEqual([failure?.source.line, failure?.source.column], [1, 9]);
    assert.match(failure?.message ?? "", /invalid HTTP method "BAD METHOD"/);
    assert.equal(failure?.excerpt?.caret.trim(), "^".repeat(10));
  });

  it("refuses a HAR entry with an invalid method, pointing at the entry", () => {
    const har = JSON.stringify({
      log: { entries: [{ request: { method: "BAD METHOD", url: "https://h/x", headers: [] } }] },
    });
    const result = read("x.har", har);
    assert.equal(result.requests.length, 0);
    assert.match(result.failures[0]?.message ?? "", /invalid HTTP method "BAD METHOD"/);
    assert.equal(result.failures[0]?.source.column, 20);
  });

  it("refuses a header name with a blank inside, and trims blanks around one with a warning", () => {
    const refused = read("h.sh", "curl https://h/x -H 'x custom: 1'\n");
    assert.match(refused.failures[0]?.message ?? "", /invalid header name "x custom"/);
    const trimmed = readFixture("hostile-header-names.sh");
    assert.deepEqual(trimmed.failures, []);
    const request = trimmed.requests[0];
    assert.deepEqual(
      request?.headers.map((header) => `${header.name}: ${header.value}`),
      ["constructor: a", "__proto__: b", "toString: c", "x-custom-header: foo"],
    );
    const [blanks, ...others] = request?.warnings ?? [];
    assert.equal(blanks?.code, "header-name-blanks");
    assert.match(blanks?.message ?? "", /"x-custom-header " has blanks/);
    assert.deepEqual(others, []);
  });
});
