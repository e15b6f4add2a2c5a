import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { captured, json, plan } from "./testing/capture-builders.ts";

describe("a captured 304 Not Modified", () => {
  const revalidation = (status: number) =>
    captured("GET", "https://shop.example.com/v1/menu/42", {
      headers: [
        { name: "Accept", value: "application/json" },
        { name: "If-None-Match", value: 'W/"menu-42-v7"' },
        { name: "If-Modified-Since", value: "Mon, 01 Jun 2026 11:58:03 GMT" },
      ],
      // Browsers put the cached body in the HAR even for a 304.
      response: json(status, { name: "Bibimbap", price: 9000 }),
    });

  it("keeps the conditional headers, expects 304 and never parses a body", () => {
    const result = plan([revalidation(304)]);
    const test = result.plan.specs[0]!.tests[0]!;
    assert.equal(test.kind, "single");
    const { request, expect } = test.exchange;
    assert.deepEqual(
      request.headers.map((header) => header.name),
      ["Accept", "If-None-Match", "If-Modified-Since"],
    );
    assert.deepEqual(expect, { status: 304, body: { kind: "unchecked" } });
  });

  it("keeps them with the full 200 too: the test asks what the capture asked", () => {
    const result = plan([revalidation(200)]);
    const test = result.plan.specs[0]!.tests[0]!;
    assert.equal(test.kind, "single");
    assert.deepEqual(
      test.exchange.request.headers.map((header) => header.name),
      ["Accept", "If-None-Match", "If-Modified-Since"],
    );
    assert.equal(test.exchange.expect.body.kind, "json");
  });
});
