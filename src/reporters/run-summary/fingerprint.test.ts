import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failingTest } from "../../../test-support/reporters/summary-fixtures.ts";
import { failureFingerprint } from "./fingerprint.ts";
import { firstLine, normaliseError } from "./normalise-error.ts";
import { testKeyOf } from "./test-key.ts";

describe("normaliseError", () => {
  it("strips colours, numbers, ids, timestamps, hosts and file paths", () => {
    const message =
      "\u001b[31mError: order 3f2a9c1e-4b5d-4e6f-8a7b-9c0d1e2f3a4b failed at 2026-05-04T10:00:01.123Z\u001b[39m\n" +
      "GET http://127.0.0.1:54321/orders/981 answered 503 after 1532ms\n" +
      "    at /home/runner/shop/tests/api/order/orders.spec.ts:41:7\n" +
      "trace id 9f86d081884c7d65";
    assert.equal(
      normaliseError(message),
      [
        "Error: order <id> failed at <time>",
        "GET <origin>/orders/<n> answered <n> after <n>ms",
        "at <path>",
        "trace id <id>",
      ].join("\n"),
    );
  });

  it("drops Playwright's call log, which changes with every run's timings", () => {
    const message =
      "Error: expect(locator).toBeVisible() failed\n\nCall log:\n  - waiting 4031ms for x";
    assert.equal(normaliseError(message), "Error: expect(locator).toBeVisible() failed");
  });

  it("keeps words: a different cause reads differently", () => {
    assert.notEqual(
      normaliseError("Error: payment declined"),
      normaliseError("Error: payment timed out"),
    );
  });

  it("gives the first non-empty line without colours", () => {
    assert.equal(firstLine("\n\n  \u001b[2mError: boom\u001b[22m  \nmore"), "Error: boom");
  });
});

describe("failureFingerprint", () => {
  const test = failingTest("charges the card", "Error: payment 123 declined after 87ms", {
    titlePath: ["payments", "charges the card"],
  });

  it("is stable across runs whose errors differ only in numbers and ids", () => {
    const again = { ...test, error: { message: "Error: payment 98412 declined after 2003ms" } };
    assert.equal(failureFingerprint(again), failureFingerprint(test));
  });

  it("changes with the project, the file, the title path or the cause", () => {
    const base = failureFingerprint(test);
    assert.notEqual(failureFingerprint({ ...test, project: "eta" }), base);
    assert.notEqual(failureFingerprint({ ...test, file: "other.spec.ts" }), base);
    assert.notEqual(
      failureFingerprint({ ...test, titlePath: ["refunds", "charges the card"] }),
      base,
    );
    assert.notEqual(
      failureFingerprint({ ...test, error: { message: "Error: card expired" } }),
      base,
    );
  });

  it("is 16 hex digits, fit for a Jira label", () => {
    assert.match(failureFingerprint(test), /^[0-9a-f]{16}$/);
  });

  it("does not depend on where the test ran (location) — only on its identity", () => {
    const elsewhere = {
      ...test,
      location: { file: "/other/machine/orders.spec.ts", line: 99, column: 1 },
    };
    assert.equal(failureFingerprint(elsewhere), failureFingerprint(test));
    assert.equal(testKeyOf(elsewhere), testKeyOf(test));
  });
});
