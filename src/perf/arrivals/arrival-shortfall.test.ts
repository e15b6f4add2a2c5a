import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { RampPhase } from "../load-shape/artillery-phases.ts";
import { checkArrivals, saturationMessage } from "./arrival-shortfall.ts";
import type { ArrivalCount } from "./arrival-shortfall.ts";

const phase = (rate: number, duration: number): RampPhase => ({
  name: `${rate}/s`,
  duration,
  arrivalRate: rate,
  rampTo: rate,
});
const t0 = 1_800_000_000_000;

/** Arrivals of a phase sent as Artillery sends them: each second's, spread over that second. */
function sent(rate: number, fromMs: number, seconds: number, lateMs = 0): ArrivalCount[] {
  return Array.from({ length: seconds * 10 }, (_, slice) => ({
    atMs: fromMs + slice * 100 + lateMs,
    count: rate / 10,
  }));
}

describe("planned against sent arrivals", () => {
  const phases = [phase(100, 2), phase(300, 2)];
  const times = [
    { index: 0, startedAt: t0 },
    { index: 0, endedAt: t0 + 2000 },
    { index: 1, startedAt: t0 + 2000 },
    { index: 1, endedAt: t0 + 4000 },
  ];

  it("finds no shortfall when every phase got its arrivals in its time", () => {
    const check = checkArrivals({
      phases,
      times,
      arrivals: [...sent(100, t0, 2), ...sent(300, t0 + 2000, 2)],
      workers: 1,
    });
    assert.deepEqual(
      check.phases.map((p) => [p.plannedArrivals, p.achievedArrivals, p.shortfall]),
      [
        [200, 200, 0],
        [600, 600, 0],
      ],
    );
    assert.equal(check.saturated, undefined);
    assert.equal(saturationMessage(check), undefined);
  });

  it("counts an arrival that lands on the phase boundary for its own phase", () => {
    const arrivals = [...sent(100, t0, 2), { atMs: t0 + 2000, count: 0 }];
    // The last of phase 1's arrivals fires a few ms after the phase's announced end.
    const last = arrivals[19];
    assert.ok(last);
    last.atMs = t0 + 2005;
    const check = checkArrivals({ phases: phases.slice(0, 1), times, arrivals, workers: 1 });
    assert.equal(check.phases[0]?.shortfall, 0);
  });

  it("reads arrivals sent after their phase ended as a saturated generator, naming the rate", () => {
    // The generator managed 240/s in the second phase: the rest came well after it ended.
    const arrivals = [...sent(100, t0, 2), ...sent(240, t0 + 2000, 2), ...sent(120, t0 + 4100, 1)];
    const check = checkArrivals({ phases, times, arrivals, workers: 1 });
    assert.equal(check.phases[0]?.shortfall, 0);
    assert.equal(check.phases[1]?.achievedArrivals, 480);
    assert.equal(check.phases[1]?.shortfall, 0.2);
    assert.deepEqual(check.saturated, { phase: 1, achievedRate: 240, plannedRate: 300 });
    assert.equal(
      saturationMessage(check),
      "load generator saturated at 240 req/s (planned 300 req/s in phase 2): " +
        "the figures describe the generator's limit, not the service's",
    );
  });

  it("allows a shortfall of 2% and no more", () => {
    const at = (achieved: number) =>
      checkArrivals({
        phases: [phase(100, 10)],
        times: [{ index: 0, startedAt: t0, endedAt: t0 + 10_000 }],
        arrivals: [{ atMs: t0 + 500, count: achieved }],
        workers: 1,
      }).saturated;
    assert.equal(at(980), undefined);
    assert.ok(at(979));
  });
});
