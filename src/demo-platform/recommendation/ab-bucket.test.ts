import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { abBucket } from "./ab-bucket.ts";

describe("abBucket", () => {
  it("is stable for a member and service", () => {
    for (let member = 1; member <= 50; member++) {
      assert.equal(abBucket("grocery", member), abBucket("grocery", member));
    }
  });

  it("splits members roughly in half", () => {
    let inA = 0;
    for (let member = 1; member <= 1_000; member++) if (abBucket("grocery", member) === "A") inA++;
    assert.ok(inA > 430 && inA < 570, `${inA} of 1000 in A`);
  });

  it("assigns per service: some members are in different buckets for different services", () => {
    const differing = Array.from({ length: 100 }, (_, i) => i + 1).filter(
      (member) => abBucket("grocery", member) !== abBucket("food", member),
    );
    assert.ok(differing.length > 20, `${differing.length} of 100 differ`);
  });
});
