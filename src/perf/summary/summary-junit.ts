// Runs inside k6 as well as Node: no imports beyond this folder.
import { formatValue } from "./format-value.ts";
import type { PerfVerdict } from "./perf-verdict.ts";

/**
 * JUnit XML for CI test tabs: each threshold is a test case (an objective met or not), and so is
 * each check (failed when any of its runs failed).
 */
export function renderSummaryJUnit(verdict: PerfVerdict): string {
  const thresholdCases = verdict.thresholds.map((t) => ({
    name: `${t.metricKey} ${t.expression}`,
    failure: t.ok
      ? undefined
      : `${t.metricKey} was ${formatValue(t.actual, t.unit)}; objective ${t.expression}`,
  }));
  const checkCases = verdict.checks.map((c) => ({
    name: c.name,
    failure: c.fails === 0 ? undefined : `${c.fails} of ${c.passes + c.fails} runs failed`,
  }));
  const suites = [
    suite(`${verdict.scenario} thresholds`, "threshold", thresholdCases),
    suite(`${verdict.scenario} checks`, "check", checkCases),
  ];
  const tests = thresholdCases.length + checkCases.length;
  const failures = [...thresholdCases, ...checkCases].filter((c) => c.failure).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xml(`k6 ${verdict.scenario}`)}" tests="${tests}" failures="${failures}" time="${verdict.traffic.durationSeconds.toFixed(3)}">`,
    ...suites,
    "</testsuites>",
    "",
  ].join("\n");
}

interface TestCase {
  name: string;
  failure: string | undefined;
}

function suite(name: string, kind: string, cases: TestCase[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases.map((c) => {
    const open = `    <testcase classname="${xml(name)}" name="${xml(c.name)}"`;
    if (!c.failure) return `${open}/>`;
    return `${open}>\n      <failure type="${kind}" message="${xml(c.failure)}"/>\n    </testcase>`;
  });
  return [
    `  <testsuite name="${xml(name)}" tests="${cases.length}" failures="${failures}">`,
    ...body,
    "  </testsuite>",
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
