// HAR entries become curl calls read straight from the JSON, in the converter's scope only.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readHarCurlInvocations } from "./har-curl-invocations.ts";

const har = JSON.stringify({
  log: {
    entries: [
      {
        request: {
          method: "POST",
          url: "https://api.example.com/v1/items?x=[1]#frag",
          headers: [
            { name: ":authority", value: "api.example.com" },
            { name: "content-length", value: "7" },
            { name: "x-empty", value: "" },
          ],
          postData: { mimeType: "application/json", text: '{"a":1}' },
        },
        response: {
          status: 201,
          content: { mimeType: "application/json", text: "eyJpZCI6MX0=", encoding: "base64" },
        },
      },
      {
        _resourceType: "image",
        request: { method: "GET", url: "https://api.example.com/logo.png" },
      },
      { request: { method: "HEAD", url: "https://api.example.com/health" } },
    ],
  },
});

describe("readHarCurlInvocations", () => {
  it("sends each in-scope entry's method, URL, headers and body; counts the rest", () => {
    const reading = readHarCurlInvocations(har);
    assert.equal(reading?.outOfScope, 1);
    assert.deepEqual(
      reading?.invocations.map((call) => [call.args, call.stdin.toString()]),
      [
        [
          [
            "--globoff",
            "--url",
            "https://api.example.com/v1/items?x=[1]",
            "--request",
            "POST",
            "--header",
            "x-empty;",
            "--header",
            "Content-Type:",
            "--data-binary",
            "@-",
          ],
          '{"a":1}',
        ],
        [["--globoff", "--url", "https://api.example.com/health", "--head"], ""],
      ],
    );
  });

  it("keeps captured responses, decoded, for the recording server to play back", () => {
    const reading = readHarCurlInvocations(har);
    assert.deepEqual(reading?.responses.get("POST /v1/items?x=[1]"), {
      status: 201,
      mimeType: "application/json",
      text: '{"id":1}',
    });
  });

  it("returns undefined for text that is not a HAR log", () => {
    assert.equal(readHarCurlInvocations("{"), undefined);
    assert.equal(readHarCurlInvocations('{"log":{}}'), undefined);
  });
});
