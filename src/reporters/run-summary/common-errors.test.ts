import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { failingTest } from "../../../test-support/reporters/summary-fixtures.ts";
import { commonErrors } from "./common-errors.ts";

describe("commonErrors", () => {
  it("groups failures by normalised first line, most frequent first, ties as first seen", () => {
    const groups = commonErrors([
      failingTest("a", "Error: timeout after 501ms"),
      failingTest("b", "Error: payment declined\n    at pay (pay.ts:3:1)"),
      failingTest("c", "Error: timeout after 730ms"),
      failingTest("d", "Error: card expired"),
    ]);
    assert.deepEqual(
      groups.map(({ count, example }) => [count, example.titlePath.at(-1)]),
      [
        [2, "a"],
        [1, "b"],
        [1, "d"],
      ],
    );
    assert.equal(groups[1]?.error, "Error: payment declined");
  });
});
