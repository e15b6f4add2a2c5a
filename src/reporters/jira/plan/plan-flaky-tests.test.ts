// The planner's flaky-test step, through the planner.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { runSummary, testRecord } from "../../../../test-support/reporters/summary-fixtures.ts";
import {
  now,
  only,
  options,
  plan,
  ticket,
} from "../../../../test-support/reporters/plan-fixtures.ts";
import { flakyFingerprint } from "../ticket-fingerprints.ts";
import { planJiraOperations } from "../ticket-planner.ts";
import type { FlakyLedger } from "../ticket-state.ts";

describe("planJiraOperations: flaky tests", () => {
  const flaky = testRecord({ title: "searches the catalogue", outcome: "flaky" });
  const fingerprint = flakyFingerprint(flaky.testKey);

  it("opens no bug: counts flaky runs until the threshold", () => {
    const ledger: FlakyLedger = {
      v: 1,
      tests: { [flaky.testKey]: { n: 1, last: "2026-05-01T00:00:00.000Z" } },
    };
    const { operations } = plan([flaky], { flakyLedger: ledger });
    assert.equal(only(operations, "create").length, 0);
    const [save] = only(operations, "set-flaky-ledger");
    assert.deepEqual(save?.ledger.tests[flaky.testKey], { n: 2, last: now.toISOString() });
  });

  it("opens a ticket of the flaky issue type at the threshold, and stops counting it", () => {
    const ledger: FlakyLedger = {
      v: 1,
      tests: { [flaky.testKey]: { n: 2, last: "2026-05-01T00:00:00.000Z" } },
    };
    const { operations } = plan([flaky], { flakyLedger: ledger });
    const [create] = only(operations, "create");
    assert.equal(create?.kind, "flaky");
    assert.equal(create?.fields.issueType, "Task");
    assert.ok(create?.fields.labels.includes("qaops-flaky"));
    assert.equal(create?.state.occurrences, 3);
    assert.match(create?.fields.summary ?? "", /^Flaky: /);
    assert.deepEqual(only(operations, "set-flaky-ledger")[0]?.ledger.tests, {});
  });

  it("with threshold 1 opens the flaky ticket at once and leaves the counts alone", () => {
    const { operations } = planJiraOperations({
      summary: runSummary([flaky]),
      existing: [],
      options: { ...options, flakyThreshold: 1 },
      now,
    });
    assert.deepEqual(
      operations.map((operation) => operation.op),
      ["create"],
    );
  });

  it("updates the flaky ticket when there is one", () => {
    const existing = ticket(flaky, { fingerprint, state: { kind: "flaky" } });
    const { operations } = plan([flaky], { existing: [existing] });
    assert.deepEqual(
      operations.map((operation) => operation.op),
      ["recur"],
    );
  });

  it("is off with flakyThreshold 0", () => {
    const { operations } = planJiraOperations({
      summary: runSummary([flaky]),
      existing: [],
      options: { ...options, flakyThreshold: 0 },
      now,
    });
    assert.deepEqual(operations, []);
  });
});
