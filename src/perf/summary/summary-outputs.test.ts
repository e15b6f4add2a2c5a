import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { perfSummary } from "./perf-verdict.ts";
import { renderSummaryJUnit } from "./summary-junit.ts";
import { renderSummaryMarkdown } from "./summary-markdown.ts";
import { breachedLoadTest, breachedPeriod } from "../../../test-support/perf/breached-run.ts";

describe("a run's summary from Artillery's aggregate", () => {
  const summary = perfSummary({ loadTest: breachedLoadTest, aggregate: breachedPeriod() });

  it("judges each objective on the metric it names, with the measured value", () => {
    assert.equal(summary.passed, false);
    assert.deepEqual(
      summary.objectives.map((o) => [o.name, o.ok, o.actual]),
      [
        ["eta-precise p95", true, 8],
        ["recommendation median", false, 42],
        ["failed requests", true, 0],
      ],
    );
  });

  it("fails an objective whose metric the run never produced, as ensure does", () => {
    const aggregate = breachedPeriod();
    delete aggregate.summaries["plugins.metrics-by-endpoint.response_time.eta-precise"];
    const missing = perfSummary({ loadTest: breachedLoadTest, aggregate });
    assert.deepEqual(missing.objectives[0], {
      name: "eta-precise p95",
      comparison: "<",
      limit: 20,
      ok: false,
      actual: undefined,
      unit: "ms",
    });
  });

  it("writes Markdown with the verdict, the objectives and latency by endpoint", () => {
    const markdown = renderSummaryMarkdown(summary);
    assert.match(markdown, /^### ❌ Load test `smoke`: 1 of 3 objectives not met$/m);
    assert.match(markdown, /^\| ❌ \| recommendation median \| < 17 ms \| 42 ms \|$/m);
    assert.match(markdown, /^\| recommendation \| 50 \| 42 ms \| 60 ms \| 90 ms \| 120 ms \|$/m);
    assert.match(markdown, /^\*\*Traffic:\*\* 100 requests \(10\.0\/s\), 0% failed/m);
  });

  it("writes JUnit with one case per objective and the breach as a failure", () => {
    const junit = renderSummaryJUnit(summary);
    assert.match(junit, /<testsuites name="load smoke" tests="3" failures="1"/);
    assert.match(
      junit,
      /<failure type="objective" message="recommendation median was 42 ms; objective &lt; 17 ms"\/>/,
    );
  });

  it("says so, and fails the run, when the generator fell short of the plan", () => {
    const saturated = perfSummary({
      loadTest: { ...breachedLoadTest, objectives: breachedLoadTest.objectives.slice(0, 1) },
      aggregate: breachedPeriod(),
      arrivals: {
        phases: [],
        saturated: { phase: 2, achievedRate: 812.4, plannedRate: 1000 },
      },
    });
    assert.equal(saturated.passed, false);
    assert.match(saturated.saturation ?? "", /^load generator saturated at 812 req\/s/);
    const markdown = renderSummaryMarkdown(saturated);
    assert.match(markdown, /could not keep the plan/);
    assert.match(renderSummaryJUnit(saturated), /tests="2" failures="1"/);
  });
});
