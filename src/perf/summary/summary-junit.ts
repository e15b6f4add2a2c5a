import { formatExpectation, formatValue } from "./format-value.ts";
import type { PerfSummary } from "./perf-verdict.ts";

/**
 * JUnit XML for CI test tabs: each objective is a test case, and so is the load generator's
 * keeping of the plan (failed when it fell short).
 */
export function renderSummaryJUnit(summary: PerfSummary): string {
  const cases = [
    ...summary.objectives.map((o) => ({
      name: `${o.name} ${formatExpectation(o.comparison, o.limit, o.unit)}`,
      failure: o.ok
        ? undefined
        : `${o.name} was ${formatValue(o.actual, o.unit)}; objective ${formatExpectation(o.comparison, o.limit, o.unit)}`,
    })),
    ...(summary.arrivals
      ? [{ name: "load generator kept the planned arrivals", failure: summary.saturation }]
      : []),
  ];
  const failures = cases.filter((c) => c.failure).length;
  const name = `${summary.scenario} objectives`;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}"`;
    if (!c.failure) return `${open}/>`;
    return `${open}>\n      <failure type="objective" message="${xml(c.failure)}"/>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`load ${summary.scenario}`)}" tests="${cases.length}" failures="${failures}" time="${summary.traffic.durationSeconds.toFixed(3)}">`,
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}">`,
    ...body,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}

function xml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;");
}
