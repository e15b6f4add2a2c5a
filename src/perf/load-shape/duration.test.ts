import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatDuration, parseDurationSeconds } from "./duration.ts";

describe("durations", () => {
  it("reads hour, minute and second durations and bare seconds", () => {
    assert.equal(parseDurationSeconds("90s"), 90);
    assert.equal(parseDurationSeconds("3m"), 180);
    assert.equal(parseDurationSeconds("1h30m"), 5400);
    assert.equal(parseDurationSeconds("8h"), 28_800);
    assert.equal(parseDurationSeconds("1h2m3s"), 3723);
    assert.equal(parseDurationSeconds("45"), 45);
  });

  it("rejects what is not a duration", () => {
    for (const text of ["", "m", "3x", "1.5m", "-3m", "3m1h", "10 m"]) {
      assert.equal(parseDurationSeconds(text), undefined, text);
    }
  });

  it("writes the shortest form back", () => {
    assert.equal(formatDuration(5400), "1h30m");
    assert.equal(formatDuration(61), "1m1s");
    assert.equal(formatDuration(0), "0s");
  });
});
