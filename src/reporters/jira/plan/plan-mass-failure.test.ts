// The planner's mass-failure step, through the planner.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TestRecord } from "../../run-summary/run-summary.ts";
import { manyFailures } from "../../../../test-support/reporters/summary-fixtures.ts";
import { only, plan, ticket } from "../../../../test-support/reporters/plan-fixtures.ts";
import { environmentFingerprint } from "../ticket-fingerprints.ts";

describe("planJiraOperations: mass-failure breaker", () => {
  it("opens one environment ticket instead of hundreds", () => {
    const { operations, massFailure, notes } = plan(manyFailures(600));
    assert.equal(massFailure, true);
    assert.equal(operations.length, 1);
    const [create] = only(operations, "create");
    assert.equal(create?.kind, "environment");
    assert.ok(create?.fields.labels.includes("qaops-environment"));
    assert.match(create?.fields.summary ?? "", /^Mass failure: 600 of 600 tests failed/);
    assert.match(JSON.stringify(create?.fields.description), /600×.*ECONNREFUSED/);
    assert.match(notes[0] ?? "", /600 tests failed/);
  });

  it("leaves per-test tickets alone while tripped, and records a recurrence on the open environment ticket", () => {
    const failures = manyFailures(30);
    const first = failures[0] as TestRecord;
    const environment = environmentFingerprint("QA");
    const { operations } = plan(failures, {
      existing: [
        ticket(first),
        ticket(first, { key: "QA-9", fingerprint: environment, state: { kind: "environment" } }),
      ],
    });
    assert.deepEqual(
      operations.map((operation) => [operation.op, "key" in operation ? operation.key : ""]),
      [["recur", "QA-9"]],
    );
  });

  it("stays off below the threshold", () => {
    assert.equal(only(plan(manyFailures(19)).operations, "create").length, 19);
  });
});
