import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ConversionWarning } from "../model/conversion-warning.ts";
import { captured, json, plan } from "./testing/capture-builders.ts";

const uuid = "3f1c2a9e-8b7d-4c6e-9a5f-1e2d3c4b5a69";

function codes(warnings: readonly ConversionWarning[]): string[] {
  return warnings.map((warning) => warning.code);
}

describe("planConversion: warnings", () => {
  it("carries the capture's warnings unchanged, then adds its own, each with a code", () => {
    const request = captured("patch", "https://h/v1/orders/1", {
      headers: [
        { name: "X-Tag", value: "a" },
        { name: "X-Tag", value: "b" },
      ],
      warnings: [
        {
          code: "option-not-reproduced",
          message: "--proxy: the request went through a proxy",
          location: { file: "capture.sh", line: 40, column: 3 },
        },
      ],
    });
    const result = plan([request]);
    assert.deepEqual(result.warnings[0], request.warnings[0]);
    assert.deepEqual(codes(result.warnings), [
      "option-not-reproduced",
      "header-joined",
      "sent-as-written",
      "no-response",
    ]);
    const summary = result.warnings.at(-1);
    assert.equal(summary?.location, undefined, "a summary of many points at no one request");
    assert.deepEqual(result.warnings[1]?.location, request.source);
  });

  it("says a value made up per run with its own code", () => {
    const result = plan([
      captured("POST", "https://h/v1/orders", {
        headers: [{ name: "Idempotency-Key", value: uuid }],
        response: json(201, { id: "o-1" }),
      }),
    ]);
    const fresh = result.warnings.filter((warning) => warning.code === "fresh-per-run");
    assert.equal(fresh.length, 1);
    assert.match(fresh[0]?.message ?? "", /Idempotency-Key is made up afresh on each run/i);
  });

  it("notes a response it cannot assert by the planner's own code", () => {
    const result = plan([
      captured("GET", "https://h/v1/page", {
        response: { status: 200, headers: [], bodyText: "<html></html>", mimeType: "text/html" },
      }),
    ]);
    assert.deepEqual(codes(result.warnings), ["body-not-json"]);
  });
});

describe("planConversion: files the test reads", () => {
  const fileBody = { kind: "file", path: "body.json" } as const;

  it("asks to keep a file that is there, whatever another warning's words say of it", () => {
    const result = plan([
      captured("POST", "https://h/v1/upload", {
        body: fileBody,
        warnings: [
          {
            code: "option-not-reproduced",
            message: "--retry: body.json is retried by curl, not by the test",
          },
        ],
        response: json(201, {}),
      }),
    ]);
    const readAtRun = result.warnings.filter((warning) => warning.code === "file-read-at-run");
    assert.deepEqual(
      readAtRun.map((warning) => warning.message),
      ["the body is read from body.json when the test runs; keep that file there"],
    );
  });

  it("leaves a missing file to the intake's own warning", () => {
    const result = plan([
      captured("POST", "https://h/v1/upload", {
        body: { ...fileBody, missing: true },
        response: json(201, {}),
      }),
    ]);
    assert.ok(!codes(result.warnings).includes("file-read-at-run"), codes(result.warnings).join());
  });

  it("asks to keep each multipart file that is there, and only those", () => {
    const result = plan([
      captured("POST", "https://h/v1/upload", {
        body: {
          kind: "multipart",
          parts: [
            { name: "scan", filePath: "scan.pdf", filename: "scan.pdf" },
            { name: "note", filePath: "note.txt", missing: true },
            { name: "photo", filePath: "photo.png", filename: "photo.png", missing: true },
          ],
        },
        response: json(201, {}),
      }),
    ]);
    assert.deepEqual(
      result.warnings
        .filter((warning) => warning.code === "file-read-at-run")
        .map((warning) => warning.message),
      ["part scan uploads scan.pdf; keep that file there"],
    );
  });
});
