import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { artilleryPhases, plannedArrivals, plannedArrivalsPerSecond } from "./artillery-phases.ts";

describe("Artillery phases of an arrival plan", () => {
  it("makes each stage a ramp from the previous rate, skipping empty stages", () => {
    const phases = artilleryPhases({
      startRate: 5,
      stages: [
        { durationSeconds: 3, target: 20 },
        { durationSeconds: 0, target: 40 },
        { durationSeconds: 2, target: 40 },
      ],
    });
    assert.deepEqual(
      phases.map(({ duration, arrivalRate, rampTo }) => [duration, arrivalRate, rampTo]),
      [
        [3, 5, 20],
        [2, 40, 40],
      ],
    );
  });

  it("plans each second as Artillery does: first second at the start rate, last at the target", () => {
    const ramp = { name: "r", duration: 7, arrivalRate: 4, rampTo: 5 };
    // 4, 4.17, 4.33, 4.5, 4.67, 4.83, 5: one worker rounds each second's fraction half up.
    assert.deepEqual(plannedArrivalsPerSecond(ramp), [4, 4, 4, 5, 5, 5, 5]);
    assert.equal(plannedArrivals(ramp), 32);
    assert.deepEqual(plannedArrivalsPerSecond({ ...ramp, duration: 1 }), [5]);
    assert.equal(plannedArrivals({ name: "h", duration: 10, arrivalRate: 300, rampTo: 300 }), 3000);
  });

  it("hands each second's fraction to the first of several workers, as whole arrivals", () => {
    // 7/s over 3 workers: 2.33 each, so 2 + 2 + 2 and the fraction's 1 to the first worker.
    const flat = { name: "f", duration: 2, arrivalRate: 7, rampTo: 7 };
    assert.deepEqual(plannedArrivalsPerSecond(flat, 3), [7, 7]);
    assert.deepEqual(plannedArrivalsPerSecond({ ...flat, arrivalRate: 5, rampTo: 5 }, 4), [5, 5]);
  });
});
