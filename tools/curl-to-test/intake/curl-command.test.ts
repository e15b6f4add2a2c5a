import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { codedWarnings } from "../testing/coded-warnings.ts";
import type { CapturedRequest } from "../model/captured-request.ts";
import { readCaptures } from "./read-captures.ts";

/** Reads one bash curl command; files named by @ options exist only when listed. */
function read(command: string, filesDirectory = "/nonexistent-dir"): CapturedRequest {
  const result = readCaptures([{ name: "t.sh", text: command }], { filesDirectory });
  assert.deepEqual(result.failures, []);
  assert.equal(result.requests.length, 1);
  return result.requests[0] as CapturedRequest;
}

function failureOf(command: string) {
  const result = readCaptures([{ name: "t.sh", text: command }]);
  assert.equal(result.requests.length, 0);
  assert.equal(result.failures.length, 1);
  return result.failures[0];
}

describe("curl headers", () => {
  it("keeps repeated headers apart, sends Name; empty, and omits Name:", () => {
    const request = read(
      `curl https://h/ -H 'X-Dup: 1' -H 'x-dup: 2' -H 'X-Empty;' -H 'Accept:' -H 'Spaced:   v  '`,
    );
    assert.deepEqual(request.headers, [
      { name: "X-Dup", value: "1" },
      { name: "x-dup", value: "2" },
      { name: "X-Empty", value: "" },
      { name: "Spaced", value: "v" },
    ]);
    assert.deepEqual(request.omittedHeaders, ["Accept"]);
  });

  it("puts derived headers where curl sends them and lets -H override them", () => {
    const request = read(
      `curl https://h/ -A 'App/1.0' -e https://ref/ -b 'a=1' -H 'X-Custom: y' -d 'k=v'`,
    );
    assert.deepEqual(request.headers, [
      { name: "Cookie", value: "a=1" },
      { name: "User-Agent", value: "App/1.0" },
      { name: "Referer", value: "https://ref/" },
      { name: "X-Custom", value: "y" },
      { name: "Content-Type", value: "application/x-www-form-urlencoded" },
    ]);
    const overridden = read(
      `curl https://h/ -H 'Content-Type: text/plain' -H 'Cookie: c=1' -b 'd=2' -d x`,
    );
    assert.deepEqual(overridden.headers, [
      { name: "Content-Type", value: "text/plain" },
      { name: "Cookie", value: "c=1" },
    ]);
    assert.deepEqual(overridden.body, { kind: "text", text: "x", mimeType: "text/plain" });
  });

  it("sends no credentials up front when a challenge-response method is allowed, as curl", () => {
    assert.deepEqual(read(`curl --digest -u a:b https://h/`).headers, []);
    assert.deepEqual(read(`curl --oauth2-bearer t --anyauth https://h/`).headers, []);
  });

  it("sends -u and --oauth2-bearer as Authorization", () => {
    assert.deepEqual(read(`curl -u 'a:b:c' https://h/`).headers, [
      { name: "Authorization", value: `Basic ${Buffer.from("a:b:c").toString("base64")}` },
    ]);
    assert.deepEqual(read(`curl --oauth2-bearer t0k https://h/`).headers, [
      { name: "Authorization", value: "Bearer t0k" },
    ]);
  });
});

describe("curl bodies", () => {
  it("joins repeated -d with & and keeps --data-raw's leading @ as text", () => {
    assert.deepEqual(read(`curl -d a=1 --data-raw '@b' --data-binary 'c=3' https://h/`).body, {
      kind: "text",
      text: "a=1&@b&c=3",
      mimeType: "application/x-www-form-urlencoded",
    });
  });

  it("reads @file bodies as file bodies, with how curl transforms them, and warns when absent", () => {
    const stripped = read(`curl -d @body.txt https://h/`);
    assert.deepEqual(stripped.body, {
      kind: "file",
      path: "body.txt",
      transform: "strip-newlines",
      missing: true,
      mimeType: "application/x-www-form-urlencoded",
    });
    assert.deepEqual(stripped.warnings, [
      {
        code: "file-missing",
        message: "-d @body.txt: the body file does not exist here; the test needs it when it runs",
        location: stripped.source,
      },
    ]);
    assert.deepEqual(
      read(`curl --data-binary @img.bin -H 'Content-Type: image/png' https://h/`).body,
      {
        kind: "file",
        path: "img.bin",
        missing: true,
        mimeType: "image/png",
      },
    );
    assert.deepEqual(read(`curl --data-urlencode 'q@query.txt' https://h/`).body, {
      kind: "file",
      path: "query.txt",
      transform: "urlencode",
      urlencodeName: "q",
      missing: true,
      mimeType: "application/x-www-form-urlencoded",
    });
  });

  it("encodes --data-urlencode forms like curl: content, =content, name=content", () => {
    assert.deepEqual(
      read(
        `curl --data-urlencode 'a b' --data-urlencode '=c&d' --data-urlencode 'n=ü ~' https://h/`,
      ).body,
      {
        kind: "text",
        text: "a+b&c%26d&n=%C3%BC+~",
        mimeType: "application/x-www-form-urlencoded",
      },
    );
  });

  it("reads @- from a here-string", () => {
    assert.deepEqual(read(`curl -d @- https://h/ <<< 'a=1'`).body, {
      kind: "text",
      text: "a=1",
      mimeType: "application/x-www-form-urlencoded",
    });
  });

  it("reads -F quoting and modifiers, dropping unknown ones as curl does", () => {
    const request = read(`curl -F 'a="x;y\\"z";type=text/x' -F 'b=v;bogus=1' https://h/`);
    assert.deepEqual(request.body, {
      kind: "multipart",
      parts: [
        { name: "a", value: 'x;y"z', contentType: "text/x" },
        { name: "b", value: "v" },
      ],
    });
    assert.deepEqual(codedWarnings(request.warnings), [
      [
        "form-text-dropped",
        '-F field "b": text after ";" that is not type=, filename=, headers= or encoder= is dropped by curl, and by the test',
      ],
    ]);
  });

  it("keeps the Content-Type given with -F, which curl sends with its boundary appended", () => {
    const related = read(`curl -F a=1 -H 'Content-Type: multipart/related; boundary=x' https://h/`);
    assert.deepEqual(related.body, {
      kind: "multipart",
      parts: [{ name: "a", value: "1" }],
      contentType: "multipart/related; boundary=x",
    });
    // The type -d derives is not one curl would keep: only a -H header is.
    const mixed = read(`curl -F a=1 -d b=2 https://h/`).body;
    assert.equal(mixed.kind === "multipart" ? mixed.contentType : "not multipart", undefined);
    assert.deepEqual(read(`curl -F a=1 https://h/`).body, {
      kind: "multipart",
      parts: [{ name: "a", value: "1" }],
    });
  });
});

describe("curl URLs and methods", () => {
  it("adds the scheme and root path, drops the fragment, keeps the raw query", () => {
    assert.equal(
      read(`curl 'h.example?a=%20&a=2&flag#frag'`).url,
      "http://h.example/?a=%20&a=2&flag",
    );
  });

  it("appends --url-query and -G data with one & even after a query ending in &", () => {
    assert.equal(read(`curl 'https://h/?a=1&' --url-query b=2`).url, "https://h/?a=1&b=2");
    assert.equal(read(`curl 'https://h/?a=1' -G -d b=2`).url, "https://h/?a=1&b=2");
  });

  it("keeps query parameters read from files apart, the URL ending where curl appends them", () => {
    const named = read(`curl 'https://h/?a=1' --url-query 'n@q.txt' --url-query '@r.txt'`);
    assert.equal(named.url, "https://h/?a=1&");
    assert.deepEqual(named.queryFiles, [
      { name: "n", path: "q.txt", transform: "urlencode", missing: true },
      { path: "r.txt", transform: "urlencode", missing: true },
    ]);
    assert.deepEqual(codedWarnings(named.warnings), [
      [
        "file-missing",
        "query n@q.txt: the file does not exist here; the test needs it when it runs",
      ],
      [
        "file-missing",
        "query @r.txt: the file does not exist here; the test needs it when it runs",
      ],
    ]);
    const folder = mkdtempSync(join(tmpdir(), "qaops-query-file-"));
    writeFileSync(join(folder, "q.txt"), "text");
    const bare = read(`curl https://h --url-query 'n@q.txt'`, folder);
    assert.equal(bare.url, "https://h/?");
    assert.deepEqual(bare.queryFiles, [{ name: "n", path: "q.txt", transform: "urlencode" }]);
    assert.deepEqual(bare.warnings, []);
    rmSync(folder, { recursive: true });
  });

  it("keeps -G data read from a file with how curl turns it: -d strips newlines, --data-binary none", () => {
    const data = read(`curl -G -d @d.txt 'https://h/x'`);
    assert.equal(data.url, "https://h/x?");
    assert.deepEqual(data.queryFiles, [
      { path: "d.txt", transform: "strip-newlines", missing: true },
    ]);
    const binary = read(`curl -G --data-binary @b.txt 'https://h/x'`);
    assert.deepEqual(binary.queryFiles, [{ path: "b.txt", transform: "none", missing: true }]);
  });

  it("sends a file parameter followed by inline ones as written, with a warning", () => {
    const request = read(`curl -G --data-urlencode 'n@q.txt' -d a=1 'https://h/x'`);
    assert.equal(request.url, "https://h/x?n=@q.txt&a=1");
    assert.equal(request.queryFiles, undefined);
    assert.deepEqual(codedWarnings(request.warnings), [
      [
        "query-file-not-read",
        "--url-query or -G data reads a value from a file; the test sends the @file text as written",
      ],
    ]);
  });

  it("keeps -X as written and makes one request per URL", () => {
    const result = readCaptures([{ name: "t.sh", text: "curl -X patch https://h/a https://h/b" }]);
    assert.deepEqual(
      result.requests.map((request) => [request.method, request.url]),
      [
        ["patch", "https://h/a"],
        ["patch", "https://h/b"],
      ],
    );
  });

  it("starts a new request at --next", () => {
    const result = readCaptures([
      { name: "t.sh", text: "curl -H 'A: 1' https://h/a --next -d x=1 https://h/b" },
    ]);
    assert.deepEqual(
      result.requests.map((request) => [request.method, request.url, request.headers.length]),
      [
        ["GET", "https://h/a", 1],
        ["POST", "https://h/b", 1],
      ],
    );
  });

  it("accepts bundled short options and attached values", () => {
    const request = read(`curl -sSLXPUT -dx=1 https://h/`);
    assert.equal(request.method, "PUT");
    assert.deepEqual(request.body, {
      kind: "text",
      text: "x=1",
      mimeType: "application/x-www-form-urlencoded",
    });
  });

  it("says nothing about switches turned off", () => {
    assert.deepEqual(read(`curl --no-location https://h/`).warnings, []);
  });
});

describe("curl failures", () => {
  it("refuses an unknown option, with a caret under it", () => {
    assert.deepEqual(failureOf("curl --frobnicate https://h/"), {
      source: { file: "t.sh", line: 1, column: 6 },
      message: "option --frobnicate is unknown to curl",
      excerpt: {
        line: "curl --frobnicate https://h/",
        caret: `     ${"^".repeat("--frobnicate".length)}`,
      },
    });
  });

  it("refuses an option missing its value and a command without URL", () => {
    assert.equal(failureOf("curl https://h/ -H")?.message, "option -H needs a value");
    assert.equal(failureOf("curl -s")?.message, "curl command has no URL");
  });

  it("masks credentials in the quoted source line", () => {
    const failure = failureOf(
      `curl -H 'Authorization: Bearer abc.def' 'https://h/?access_token=xyz`,
    );
    assert.equal(
      failure?.excerpt?.line,
      `curl -H 'Authorization: Bearer *******' 'https://h/?access_token=***`,
    );
    assert.equal(failure?.source.column, 41);
  });
});
