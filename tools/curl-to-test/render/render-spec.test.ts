// The code a spec sends its body with, where Playwright's own handling would change the bytes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type {
  PlannedBody,
  PlannedExchange,
  PlannedHeader,
  PlannedSpec,
} from "../plan/conversion-plan.ts";
import { renderSpec } from "./render-spec.ts";

function specWith(
  body: PlannedBody,
  headers: PlannedHeader[] = [],
  method = "POST",
  queryFiles?: PlannedExchange["request"]["queryFiles"],
): string {
  const exchange: PlannedExchange = {
    title: "POST /v1/x",
    nameWords: ["post", "x"],
    sources: [{ file: "capture.sh", line: 1, column: 1 }],
    request: {
      method,
      url: [{ kind: "literal", text: "/v1/x" }],
      ...(queryFiles ? { queryFiles } : {}),
      headers,
      body,
      followRedirects: true,
    },
    expect: { status: null, body: { kind: "unchecked" } },
    exports: [],
    todos: [],
  };
  const spec: PlannedSpec = {
    fileName: "post-x.spec.ts",
    title: "POST /v1/x",
    kind: "endpoint",
    tests: [{ kind: "single", title: exchange.title, exchange }],
  };
  return renderSpec(spec);
}

const jsonType: PlannedHeader = {
  name: "Content-Type",
  value: [{ kind: "literal", text: "application/json; charset=utf-8" }],
};
const text = (value: string): PlannedBody => ({
  kind: "text",
  text: [{ kind: "literal", text: value }],
});

describe("renderSpec: text bodies", () => {
  it("sends text that is not JSON under a JSON content type as bytes", () => {
    const code = specWith(text('{"id": 00000000000}'), [jsonType]);
    assert.match(code, /data: Buffer\.from\("\{\\"id\\": 00000000000\}"\)/);
  });

  it("sends JSON text, and any text under another content type, as a string", () => {
    assert.match(specWith(text('{"id": 1}'), [jsonType]), /data: "\{\\"id\\": 1\}"/);
    assert.match(specWith(text("{not json")), /data: "\{not json"/);
  });

  it("judges a templated body with its env vars standing in as JSON tokens", () => {
    const body: PlannedBody = {
      kind: "text",
      text: [
        { kind: "literal", text: '{"token": ' },
        { kind: "env", name: "X_TOKEN", encoding: "json-string" },
        { kind: "literal", text: "}" },
      ],
    };
    assert.match(specWith(body, [jsonType]), /data: "\{\\"token\\": " \+ JSON\.stringify/);
  });
});

describe("renderSpec: multipart bodies", () => {
  it("uses Playwright's FormData while no text part has a content type", () => {
    const code = specWith({
      kind: "multipart",
      parts: [
        { kind: "field", name: "a", value: [{ kind: "literal", text: "1" }] },
        {
          kind: "file",
          name: "f",
          filename: "delete.sh",
          contentType: "application/octet-stream",
          content: { kind: "path", path: "delete.sh" },
        },
      ],
    });
    assert.match(code, /const form = new FormData\(\);/);
    assert.match(
      code,
      /new Blob\(\[await readFile\("delete\.sh"\)\], \{ type: "application\/octet-stream" \}\)/,
    );
    assert.doesNotMatch(code, /multipartBody/);
  });

  it("writes the body itself when a text part has a content type, with the header to match", () => {
    const code = specWith({
      kind: "multipart",
      parts: [
        {
          kind: "field",
          name: "meta",
          value: [{ kind: "literal", text: '{"a":1}' }],
          contentType: "application/json",
        },
        { kind: "field-from-file", name: "note", path: "note.txt" },
      ],
    });
    assert.match(
      code,
      /multipartBody\(\[\{ name: "meta", contentType: "application\/json", content: "\{\\"a\\":1\}" \}, \{ name: "note", content: await readFile\("note\.txt"\) \}\]\)/,
    );
    assert.match(code, /headers: \{ "content-type": form\.contentType \}, data: form\.body/);
    assert.match(code, /^import \{ randomUUID \} from "node:crypto";$/m);
    assert.match(code, /^function multipartBody\(/m);
  });
});

describe("renderSpec: what the request fixture would change", () => {
  it("sends a method that is not upper-case with undici, the test taking baseURL", () => {
    const code = specWith({ kind: "none" }, [], "wHat");
    assert.match(code, /async \(\{ baseURL \}\) =>/);
    assert.match(
      code,
      /await sendAsWritten\(new URL\("\/v1\/x", baseURL\), \{ method: "wHat" \}\)/,
    );
    assert.match(code, /^import \* as undici from "undici";$/m);
    assert.doesNotMatch(code, /request\.fetch/);
  });

  it("sends a body without a Content-Type with undici, and one with it through the fixture", () => {
    const file: PlannedBody = { kind: "file", path: "a.bin", transform: "none" };
    assert.match(
      specWith(file),
      /sendAsWritten\(new URL\("\/v1\/x", baseURL\), \{ method: "POST", data: await readFile\("a\.bin"\) \}\)/,
    );
    const typed = specWith(file, [jsonType]);
    assert.match(typed, /async \(\{ request \}\) =>/);
    assert.match(typed, /request\.post\("\/v1\/x"/);
    assert.doesNotMatch(typed, /undici/);
  });

  it("sends a multipart body under the Content-Type curl kept, its own boundary appended", () => {
    const code = specWith({
      kind: "multipart",
      parts: [{ kind: "field", name: "a", value: [{ kind: "literal", text: "1" }] }],
      contentType: "multipart/related; boundary=xyz",
    });
    assert.match(code, /const form = multipartBody\(\[\{ name: "a", content: "1" \}\]\);/);
    assert.match(
      code,
      /"content-type": "multipart\/related; boundary=xyz" \+ form\.contentType\.replace\("multipart\/form-data", ""\)/,
    );
    assert.match(code, /data: form\.body/);
  });
});

describe("renderSpec: query parameters read from files", () => {
  it("reads each file when the test runs and encodes it as curl does, joined by &", () => {
    const code = specWith({ kind: "none" }, [], "GET", [
      { name: "n", path: "q.txt", transform: "urlencode" },
      { path: "r.txt", transform: "urlencode" },
    ]);
    assert.match(code, /^import \{ readFile \} from "node:fs\/promises";$/m);
    const encoded = (path: string) =>
      `encodeURIComponent\\(await readFile\\("${path}", "utf8"\\)\\)[^]*?\\.replaceAll\\("%20", "\\+"\\)`;
    assert.match(
      code,
      new RegExp(
        `request\\.get\\(\\s*"/v1/x" \\+\\s*"n=" \\+\\s*${encoded("q\\.txt")}\\s*\\+\\s*"&" \\+\\s*${encoded("r\\.txt")}`,
      ),
    );
  });

  it("sends -G data read from a file as curl does: -d without CR and LF, --data-binary as it is", () => {
    const code = specWith({ kind: "none" }, [], "GET", [
      { path: "d.txt", transform: "strip-newlines" },
      { path: "b.txt", transform: "none" },
    ]);
    assert.match(
      code,
      /"\/v1\/x" \+\s*\(await readFile\("d\.txt", "utf8"\)\)\.replace\(\/\[\\r\\n\]\/g, ""\) \+\s*"&" \+\s*\(?await readFile\("b\.txt", "utf8"\)/,
    );
  });
});
