import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { planDurationSeconds, peakRateOf, plannedRateAt } from "./arrival-plan.ts";
import { compressDailyCurve, hourlyShareOfPeak } from "./daily-curve.ts";

describe("compressDailyCurve", () => {
  it("turns 24 hours into 24 stages that add up to the run's duration exactly", () => {
    for (const durationSeconds of [24, 100, 180, 601, 28_800]) {
      const plan = compressDailyCurve({ peakRate: 300, durationSeconds });
      assert.equal(plan.stages.length, 24);
      assert.equal(planDurationSeconds(plan), durationSeconds);
      const lengths = plan.stages.map((stage) => stage.durationSeconds);
      assert.ok(
        Math.max(...lengths) - Math.min(...lengths) <= 1,
        `even split of ${durationSeconds}`,
      );
    }
  });

  it("peaks at lunch at the peak rate, with a second peak at dinner and a quiet dawn", () => {
    const plan = compressDailyCurve({ peakRate: 400, durationSeconds: 240 });
    assert.equal(peakRateOf(plan), 400);
    const hourEnd = (hour: number) => plan.stages[hour - 1]?.target;
    assert.equal(hourEnd(12), 400, "12:00 is the peak");
    assert.ok((hourEnd(18) ?? 0) > 0.9 * 400, "18:00 is nearly as busy");
    assert.ok((hourEnd(15) ?? 0) < (hourEnd(12) ?? 0) / 2, "the afternoon dips between the peaks");
    assert.ok((hourEnd(4) ?? 0) < 0.1 * 400, "04:00 is quiet");
  });

  it("ends the day where it began, at midnight's rate", () => {
    const plan = compressDailyCurve({ peakRate: 300, durationSeconds: 120 });
    assert.equal(plan.stages.at(-1)?.target, plan.startRate);
    assert.equal(plan.startRate, Math.round(300 * (hourlyShareOfPeak[0] ?? 0)));
  });

  it("ramps linearly within an hour, so 10-minute hours move smoothly", () => {
    const plan = compressDailyCurve({ peakRate: 1000, durationSeconds: 24 * 600 });
    const at11 = plannedRateAt(plan, 11 * 600);
    const at12 = plannedRateAt(plan, 12 * 600);
    assert.equal(at12, 1000);
    assert.equal(plannedRateAt(plan, 11.5 * 600), (at11 + at12) / 2);
  });

  it("never plans a rate below the floor, so quiet hours still send traffic", () => {
    const plan = compressDailyCurve({ peakRate: 10, durationSeconds: 48, minRate: 2 });
    assert.ok([plan.startRate, ...plan.stages.map((s) => s.target)].every((rate) => rate >= 2));
  });

  it("refuses a day shorter than 24 seconds and a peak of zero, naming the value", () => {
    assert.throws(
      () => compressDailyCurve({ peakRate: 300, durationSeconds: 23 }),
      /at least 24.*23/,
    );
    assert.throws(() => compressDailyCurve({ peakRate: 0, durationSeconds: 60 }), /above 0, got 0/);
  });
});
