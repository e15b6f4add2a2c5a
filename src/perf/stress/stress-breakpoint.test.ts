import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ArtilleryPeriod } from "../artillery/artillery-report.ts";
import { stepLoad } from "../load-shape/step-load.ts";
import { endpointLatencyMetric } from "../objectives/objective.ts";
import type { Objective } from "../objectives/objective.ts";
import { renderBreakpointMarkdown } from "./breakpoint-markdown.ts";
import { findBreakpoint } from "./stress-breakpoint.ts";

// Steps of 100, 200 and 300/s, 30 s each; holds at [10,30), [40,60), [70,90) seconds.
const plan = stepLoad({
  startRate: 100,
  stepRate: 100,
  steps: 3,
  holdSeconds: 20,
  rampSeconds: 10,
});
const objectives: Objective[] = [
  {
    name: "eta-precise p95",
    measure: { metric: endpointLatencyMetric("eta-precise", "p95") },
    comparison: "<",
    limit: 20,
    unit: "ms",
  },
  {
    name: "failed requests",
    measure: { ratio: { of: ["qaops.failed_responses"], per: ["http.requests"] } },
    comparison: "<",
    limit: 0.01,
    unit: "ratio",
  },
];
const t0 = Date.parse("2026-11-22T03:00:00Z");

interface StepBehaviour {
  p95: number;
  failedShare?: number;
}

/** Artillery's 10-second periods of 200 requests each, behaving per step. */
function periodsOf(steps: StepBehaviour[], untilSecond = 90): ArtilleryPeriod[] {
  return Array.from({ length: untilSecond / 10 }, (_, index) => {
    const behaviour = steps[Math.min(steps.length - 1, Math.floor(index / 3))] ?? { p95: 1 };
    return {
      period: t0 + index * 10_000,
      counters: {
        "http.requests": 200,
        "qaops.failed_responses": 200 * (behaviour.failedShare ?? 0),
      },
      summaries: {
        "plugins.metrics-by-endpoint.response_time.eta-precise": {
          count: 200,
          median: 2,
          p95: behaviour.p95,
        },
      },
    };
  });
}

const judge = (steps: StepBehaviour[], untilSecond?: number) =>
  findBreakpoint({ plan, objectives, originMs: t0, periods: periodsOf(steps, untilSecond) });

describe("findBreakpoint", () => {
  it("names the first step whose own periods break an objective, and the step before it", () => {
    const breakpoint = judge([{ p95: 5 }, { p95: 12 }, { p95: 45 }]);
    assert.equal(breakpoint.lastHeldRate, 200);
    assert.equal(breakpoint.brokeAtRate, 300);
    assert.deepEqual(
      breakpoint.steps.map((s) => s.broken.length),
      [0, 0, 1],
    );
    const [broken] = breakpoint.steps[2]?.broken ?? [];
    assert.equal(broken?.name, "eta-precise p95");
    assert.equal(broken?.actual, 45);
  });

  it("breaks on errors as well as on latency", () => {
    const errors = judge([{ p95: 5 }, { p95: 5, failedShare: 0.1 }]);
    assert.equal(errors.brokeAtRate, 200);
    assert.equal(errors.steps[1]?.broken[0]?.name, "failed requests");
  });

  it("takes a broken step below a held one for a transient, not the breakpoint", () => {
    const breakpoint = judge([{ p95: 45 }, { p95: 5 }, { p95: 45 }]);
    assert.equal(breakpoint.lastHeldRate, 200);
    assert.equal(breakpoint.brokeAtRate, 300);
    assert.deepEqual(breakpoint.recoveredRates, [100]);
    assert.match(
      renderBreakpointMarkdown(breakpoint),
      /^#### Stress: objectives broke at 300\/s; last step held: 200\/s \(broke briefly and recovered at 100\/s\)$/m,
    );
  });

  it("reports every step held when none broke, with the rate each achieved", () => {
    const breakpoint = judge([{ p95: 5 }]);
    assert.equal(breakpoint.brokeAtRate, undefined);
    assert.equal(breakpoint.lastHeldRate, 300);
    assert.match(
      renderBreakpointMarkdown(breakpoint),
      /^#### Stress: objectives held at the top step, 300\/s$/m,
    );
    assert.ok(breakpoint.steps.every((s) => s.achievedRate === 20));
  });

  it("stops at the last step the run reached (an aborted run)", () => {
    const breakpoint = judge([{ p95: 5 }, { p95: 30 }], 60);
    assert.deepEqual(
      breakpoint.steps.map((s) => s.rate),
      [100, 200],
    );
    assert.equal(breakpoint.brokeAtRate, 200);
  });

  it("renders the verdict and one row per step", () => {
    const markdown = renderBreakpointMarkdown(judge([{ p95: 5 }, { p95: 12 }, { p95: 45 }]));
    assert.match(markdown, /^#### Stress: objectives broke at 300\/s; last step held: 200\/s$/m);
    assert.match(markdown, /^\| 100\/s \| 20\.0\/s \| ✅ held \|$/m);
    assert.match(
      markdown,
      /^\| 300\/s \| 20\.0\/s \| ❌ eta-precise p95 45 ms \(objective < 20 ms\) \|$/m,
    );
  });
});
