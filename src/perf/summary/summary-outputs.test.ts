import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import type { PerfSummary } from "./k6-summary-data.ts";
import { failedThresholds, perfVerdict } from "./perf-verdict.ts";
import { renderSummaryJUnit } from "./summary-junit.ts";
import { renderSummaryMarkdown } from "./summary-markdown.ts";

// A real k6 summary: the smoke scenario against the demo platform with two faults on
// (recommendations 40 ms slower, every order read answering 503).
const breach = JSON.parse(
  readFileSync(new URL("./fixtures/smoke-breach.summary.json", import.meta.url), "utf8"),
) as PerfSummary;

describe("perfVerdict", () => {
  const verdict = perfVerdict(breach);

  it("fails the run when any threshold failed, and names each failed one with its value", () => {
    assert.equal(verdict.passed, false);
    const failed = failedThresholds(verdict).map((t) => `${t.metricKey} ${t.expression}`);
    assert.deepEqual(failed.sort(), [
      "checks rate==1",
      "http_req_duration{endpoint:recommendation} med<17",
      "http_req_failed rate==0",
    ]);
    const slow = verdict.thresholds.find((t) => t.expression === "med<17");
    assert.ok(slow?.actual !== undefined && slow.actual > 40, "the injected 40 ms shows");
    assert.equal(slow?.unit, "ms");
  });

  it("lists failed thresholds first", () => {
    const firstPassing = verdict.thresholds.findIndex((t) => t.ok);
    assert.ok(verdict.thresholds.slice(firstPassing).every((t) => t.ok));
  });

  it("flattens checks with their pass and fail counts", () => {
    const orderGet = verdict.checks.find((c) => c.name === "order-get answers 200");
    assert.deepEqual(orderGet, { name: "order-get answers 200", passes: 0, fails: 1 });
    assert.equal(verdict.checks.length, 10);
  });

  it("reads the traffic totals and one latency row per endpoint", () => {
    assert.equal(verdict.traffic.requests, 13);
    assert.equal(verdict.traffic.droppedIterations, 0);
    assert.ok(Math.abs(verdict.traffic.failedRatio - 1 / 13) < 1e-9);
    assert.deepEqual(verdict.endpoints.map((e) => e.endpoint).sort(), [
      "eta-approximate",
      "eta-precise",
      "order-cancel",
      "order-create",
      "order-get",
      "order-list",
      "recommendation",
    ]);
  });

  it("reports an objective on an endpoint that got no request as having no value, not 0 ms", () => {
    const quiet: PerfSummary = structuredClone(breach);
    const metric = quiet.k6.metrics["http_req_duration{endpoint:eta-precise}"];
    assert.ok(metric);
    metric.values = Object.fromEntries(Object.keys(metric.values).map((key) => [key, 0]));
    const row = perfVerdict(quiet).thresholds.find((t) => t.metricKey.includes("eta-precise"));
    assert.equal(row?.actual, undefined);
    assert.ok(!perfVerdict(quiet).endpoints.some((e) => e.endpoint === "eta-precise"));
  });
});

describe("summary.md", () => {
  const markdown = renderSummaryMarkdown(perfVerdict(breach));

  it("opens with the verdict and the traffic", () => {
    const [headline, , traffic] = markdown.split("\n");
    assert.equal(headline, "### ❌ k6 `smoke`: 3 of 10 thresholds failed");
    assert.match(
      traffic ?? "",
      /^\*\*Traffic:\*\* 13 requests \(.+\/s\), 7\.69% failed, 0 dropped iterations/,
    );
  });

  it("has a row per threshold with its objective and actual value", () => {
    assert.match(
      markdown,
      /^\| ❌ \| `http_req_duration\{endpoint:recommendation\}` \| `med<17` \| 4\d\.\d+ ms \|$/m,
    );
    assert.match(markdown, /^\| ❌ \| `http_req_failed` \| `rate==0` \| 7\.69% \|$/m);
    assert.match(markdown, /^\| ❌ \| order-get answers 200 \| 0 \/ 1 \|$/m);
  });

  it("says all passed when they did", () => {
    const passing: PerfSummary = structuredClone(breach);
    for (const metric of Object.values(passing.k6.metrics)) {
      for (const outcome of Object.values(metric.thresholds ?? {})) outcome.ok = true;
    }
    assert.match(
      renderSummaryMarkdown(perfVerdict(passing)),
      /^### ✅ k6 `smoke`: all 10 thresholds passed$/m,
    );
  });
});

describe("junit.xml", () => {
  const xml = renderSummaryJUnit(perfVerdict(breach));

  it("counts thresholds and checks as test cases, failures included", () => {
    assert.match(xml, /<testsuites name="k6 smoke" tests="20" failures="4"/);
    assert.match(xml, /<testsuite name="smoke thresholds" tests="10" failures="3">/);
    assert.match(xml, /<testsuite name="smoke checks" tests="10" failures="1">/);
  });

  it("escapes threshold expressions and explains each failure", () => {
    assert.ok(xml.includes('name="http_req_duration{endpoint:recommendation} med&lt;17"'));
    assert.match(
      xml,
      /<failure type="threshold" message="http_req_duration\{endpoint:recommendation\} was 4\d\.\d+ ms; objective med&lt;17"\/>/,
    );
    assert.ok(!/<[^>]*<[^/?!]/.test(xml.replace(/^<\?xml[^>]*>/, "")), "no raw < inside a tag");
  });

  it("balances every element it opens", () => {
    const opened = (xml.match(/<(testsuites|testsuite|testcase)[\s>]/g) ?? []).length;
    const selfClosed = (xml.match(/<testcase [^>]*\/>/g) ?? []).length;
    const closed = (xml.match(/<\/(testsuites|testsuite|testcase)>/g) ?? []).length;
    assert.equal(opened, selfClosed + closed);
  });
});
