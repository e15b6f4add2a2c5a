import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { stepLoad } from "../load-shape/step-load.ts";
import { MetricTimeline } from "../metrics/metric-timeline.ts";
import { renderBreakpointMarkdown } from "./breakpoint-markdown.ts";
import { findBreakpoint } from "./stress-breakpoint.ts";
import type { Objective } from "./stress-breakpoint.ts";

// Steps of 100, 200 and 300/s; holds at [2,12), [14,24), [26,36) seconds.
const plan = stepLoad({ startRate: 100, stepRate: 100, steps: 3, holdSeconds: 10, rampSeconds: 2 });
const objectives: Objective[] = [
  { metricKey: "http_req_duration{endpoint:eta-precise}", expression: "p(95)<20" },
  { metricKey: "http_req_failed", expression: "rate<0.01" },
  { metricKey: "dropped_iterations", expression: "count==0" },
  { metricKey: "http_reqs", expression: "rate>0" },
];

interface StepBehaviour {
  latencyMs: number;
  failEvery?: number;
  dropped?: number;
}

/** A timeline as k6 would stream it: 20 sampled requests a second, behaving per step. */
function timelineOf(steps: StepBehaviour[], untilSecond = 36) {
  const timeline = new MetricTimeline();
  const t0 = Date.parse("2026-11-22T03:00:00Z");
  for (let second = 0; second < untilSecond; second++) {
    const behaviour = steps[Math.min(steps.length - 1, Math.floor(second / 12))] ?? {
      latencyMs: 1,
    };
    for (let n = 0; n < 20; n++) {
      const time = t0 + second * 1000 + n * 50;
      const tags = { scenario: "stress", endpoint: "eta-precise" };
      timeline.record({ metric: "http_req_duration", time, value: behaviour.latencyMs, tags });
      const failed = behaviour.failEvery !== undefined && n % behaviour.failEvery === 0;
      timeline.record({ metric: "http_req_failed", time, value: failed ? 1 : 0, tags });
    }
    if (behaviour.dropped) {
      timeline.record({
        metric: "dropped_iterations",
        time: t0 + second * 1000,
        value: behaviour.dropped,
        tags: { scenario: "stress" },
      });
    }
  }
  return timeline.buckets();
}

describe("findBreakpoint", () => {
  it("names the first step whose own window breaks an objective, and the step before it", () => {
    const breakpoint = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 5 }, { latencyMs: 12 }, { latencyMs: 45 }]),
    });
    assert.equal(breakpoint.lastHeldRate, 200);
    assert.equal(breakpoint.brokeAtRate, 300);
    assert.deepEqual(
      breakpoint.steps.map((s) => s.broken.length),
      [0, 0, 1],
    );
    const [broken] = breakpoint.steps[2]?.broken ?? [];
    assert.equal(broken?.expression, "p(95)<20");
    assert.ok(Math.abs((broken?.actual ?? 0) - 45) / 45 <= 0.02);
  });

  it("breaks on errors and on dropped iterations as well as on latency", () => {
    const errors = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 5 }, { latencyMs: 5, failEvery: 10 }]),
    });
    assert.equal(errors.brokeAtRate, 200);
    assert.equal(errors.steps[1]?.broken[0]?.metricKey, "http_req_failed");
    const drops = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 5, dropped: 3 }]),
    });
    assert.equal(drops.brokeAtRate, 100);
    assert.equal(drops.lastHeldRate, undefined);
  });

  it("takes a broken step below a held one for a transient, not the breakpoint", () => {
    const breakpoint = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 45 }, { latencyMs: 5 }, { latencyMs: 45 }]),
    });
    assert.equal(breakpoint.lastHeldRate, 200);
    assert.equal(breakpoint.brokeAtRate, 300);
    assert.deepEqual(breakpoint.recoveredRates, [100]);
    assert.match(
      renderBreakpointMarkdown(breakpoint),
      /^#### Stress: objectives broke at 300\/s; last step held: 200\/s \(broke briefly and recovered at 100\/s\)$/m,
    );
  });

  it("reports every step held when none broke", () => {
    const breakpoint = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 5 }]),
    });
    assert.equal(breakpoint.brokeAtRate, undefined);
    assert.equal(breakpoint.lastHeldRate, 300);
    assert.match(
      renderBreakpointMarkdown(breakpoint),
      /^#### Stress: objectives held at the top step, 300\/s$/m,
    );
    assert.ok(breakpoint.steps.every((s) => (s.achievedRate ?? 0) === 20));
  });

  it("stops at the last step the run reached (an aborted run)", () => {
    const breakpoint = findBreakpoint({
      plan,
      objectives,
      buckets: timelineOf([{ latencyMs: 5 }, { latencyMs: 30 }], 20),
    });
    assert.deepEqual(
      breakpoint.steps.map((s) => s.rate),
      [100, 200],
    );
    assert.equal(breakpoint.brokeAtRate, 200);
  });

  it("renders the verdict and one row per step", () => {
    const markdown = renderBreakpointMarkdown(
      findBreakpoint({
        plan,
        objectives,
        buckets: timelineOf([{ latencyMs: 5 }, { latencyMs: 12 }, { latencyMs: 45 }]),
      }),
    );
    assert.match(markdown, /^#### Stress: objectives broke at 300\/s; last step held: 200\/s$/m);
    assert.match(markdown, /^\| 100\/s \| 20\.0\/s \| ✅ held \|$/m);
    assert.match(
      markdown,
      /^\| 300\/s \| 20\.0\/s \| ❌ `http_req_duration\{endpoint:eta-precise\}` p\(95\) 4\d(\.\d+)? ms \(objective `p\(95\)<20`\) \|$/m,
    );
  });
});
