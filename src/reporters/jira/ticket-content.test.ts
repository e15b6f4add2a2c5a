import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, it } from "node:test";
import { richTextProblem } from "../../../test-support/reporters/fake-jira-server.ts";
import {
  failingTest,
  manyFailures,
  runSummary,
} from "../../../test-support/reporters/summary-fixtures.ts";
import {
  environmentDescription,
  failureDescription,
  flakyDescription,
  recurrenceComment,
  regressionComment,
  resolvedComment,
} from "./ticket-content.ts";
import type { RunContext } from "./ticket-content.ts";

// Golden file: `UPDATE_GOLDEN=1 node --test src/reporters/jira/ticket-content.test.ts` rewrites it.
const golden = new URL("./golden/failure-description.json", import.meta.url);

const run: RunContext = {
  mark: {
    at: "2026-05-04T10:05:00.000Z",
    runUrl: "https://github.com/acme/shop/actions/runs/42",
    commit: "0123456789abcdef",
  },
  branch: "main",
  environment: "staging",
};

const failure = failingTest(
  "charges the card",
  "\u001b[31mError: expect(received).toBe(expected)\u001b[39m\n\nExpected: 201\nReceived: 402",
  {
    titlePath: ["payments", "charges the card"],
    failingStep: "expect.toBe",
    error: {
      message: "Error: expect(received).toBe(expected)\n\nExpected: 201\nReceived: 402",
      stack:
        "Error: expect(received).toBe(expected)\n    at tests/api/order/orders.spec.ts:14:21\n    at async run (node:internal)",
    },
    attachments: [
      {
        name: "api-exchanges",
        contentType: "text/plain",
        text: '#1 POST http://127.0.0.1:4310/payments\nauthorization: Bearer ***\n\n{"amount":5}\n\n→ 402\n\n{"error":"declined"}',
      },
    ],
  },
);

describe("ticket content", () => {
  it("describes a failure with error, failing step, request and response, reproduce command and run (golden)", () => {
    const description = failureDescription(failure, run);
    if (process.env.UPDATE_GOLDEN)
      writeFileSync(golden, `${JSON.stringify(description, null, 2)}\n`);
    assert.deepEqual(description, JSON.parse(readFileSync(golden, "utf8")));
  });

  it("builds only documents Jira Cloud accepts (checked by the fake's own ADF rules)", () => {
    const summary = runSummary(manyFailures(40));
    const state = {
      v: 1 as const,
      kind: "failure" as const,
      fingerprint: "f",
      occurrences: 4,
      firstSeen: "2026-05-01T00:00:00.000Z",
      lastSeen: "2026-05-04T00:00:00.000Z",
      passStreak: 0,
      recent: [run.mark, { at: "2026-05-03T00:00:00.000Z" }],
    };
    const documents = [
      failureDescription(failure, run),
      failureDescription(failingTest("no details", ""), { mark: { at: run.mark.at } }),
      flakyDescription(failure, run, 3),
      environmentDescription(summary, run),
      recurrenceComment(state),
      regressionComment(failure, run),
      regressionComment(undefined, { mark: { at: run.mark.at } }),
      resolvedComment(1, run),
    ];
    for (const document of documents) assert.equal(richTextProblem(document, 3), undefined);
  });
});
