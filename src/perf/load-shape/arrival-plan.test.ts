import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { holdSegments, planDurationSeconds, plannedRateAt, splitSeconds } from "./arrival-plan.ts";
import { spikeLoad } from "./spike-load.ts";
import { steadyLoad } from "./steady-load.ts";
import { stepLoad } from "./step-load.ts";

describe("arrival plans", () => {
  it("interpolates the planned rate inside a stage and holds the last target after it", () => {
    const plan = { startRate: 0, stages: [{ durationSeconds: 10, target: 100 }] };
    assert.equal(plannedRateAt(plan, 0), 0);
    assert.equal(plannedRateAt(plan, 2.5), 25);
    assert.equal(plannedRateAt(plan, 10), 100);
    assert.equal(plannedRateAt(plan, 99), 100);
  });

  it("splits seconds evenly and exactly", () => {
    assert.deepEqual(splitSeconds(10, 4), [3, 3, 2, 2]);
    assert.deepEqual(splitSeconds(24, 24), Array(24).fill(1));
  });

  it("builds a staircase whose holds are the stress steps", () => {
    const plan = stepLoad({
      startRate: 100,
      stepRate: 50,
      steps: 3,
      holdSeconds: 20,
      rampSeconds: 5,
    });
    assert.equal(planDurationSeconds(plan), 75);
    assert.deepEqual(holdSegments(plan), [
      { fromSecond: 5, toSecond: 25, rate: 100 },
      { fromSecond: 30, toSecond: 50, rate: 150 },
      { fromSecond: 55, toSecond: 75, rate: 200 },
    ]);
  });

  it("builds a spike: base, sudden rise, hold, fall, base", () => {
    const plan = spikeLoad({
      baseRate: 20,
      spikeRate: 200,
      baseSeconds: 30,
      spikeSeconds: 20,
      riseSeconds: 5,
    });
    assert.equal(planDurationSeconds(plan), 90);
    assert.equal(plannedRateAt(plan, 10), 20);
    assert.equal(plannedRateAt(plan, 40), 200);
    assert.equal(plannedRateAt(plan, 80), 20);
    assert.throws(
      () =>
        spikeLoad({ baseRate: 50, spikeRate: 50, baseSeconds: 1, spikeSeconds: 1, riseSeconds: 1 }),
      /exceed/,
    );
  });

  it("builds a steady soak after a ramp", () => {
    const plan = steadyLoad({ rate: 80, holdSeconds: 3600, rampSeconds: 60 });
    assert.deepEqual(holdSegments(plan), [{ fromSecond: 60, toSecond: 3660, rate: 80 }]);
  });
});
