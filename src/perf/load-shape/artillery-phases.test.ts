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

  it("plans each second as Artillery does: first second at the start rate, last at the target, rounded down", () => {
    const ramp = { name: "r", duration: 7, arrivalRate: 4, rampTo: 5 };
    assert.deepEqual(plannedArrivalsPerSecond(ramp), [4, 4, 4, 4, 4, 4, 5]);
    assert.equal(plannedArrivals(ramp), 29);
    assert.deepEqual(plannedArrivalsPerSecond({ ...ramp, duration: 1 }), [4]);
    assert.equal(plannedArrivals({ name: "h", duration: 10, arrivalRate: 300, rampTo: 300 }), 3000);
  });
});
