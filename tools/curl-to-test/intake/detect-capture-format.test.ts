import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectCaptureFormat } from "./detect-capture-format.ts";

describe("detectCaptureFormat", () => {
  const cases: [string, string][] = [
    ['  {"log": {"version": "1.2", "entries": []}}', "har"],
    ['{"broken": ', "har"],
    ["curl 'https://h/' \\\n  -H 'a: b'", "bash"],
    ['curl -H "Host: h" --data-binary "{}" "https://h/"', "bash"],
    ["# note\ncurl https://h/", "bash"],
    ['curl ^"https://h/^" ^\r\n  -H ^"a: b^"', "cmd"],
    ['curl "https://h/" -H ^"a: b^"', "cmd"],
    ["curl.exe `\n  https://h/", "powershell"],
    ["curl.exe https://h/ -H 'a: b'", "powershell"],
    ["GET /v1 HTTP/1.1", "unknown"],
    ["   \n", "unknown"],
  ];
  for (const [text, format] of cases) {
    it(`reads ${JSON.stringify(text.slice(0, 30))} as ${format}`, () => {
      assert.equal(detectCaptureFormat(text), format);
    });
  }
});
