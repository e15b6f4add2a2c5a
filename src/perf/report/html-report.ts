import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { formatExpectation, formatValue } from "../summary/format-value.ts";
import type { PerfSummary } from "../summary/perf-verdict.ts";
import type { ReportSeries } from "./report-data.ts";

/** uPlot (MIT), inlined so the report is one file that opens offline, with no hosted service. */
function uplotAssets(): { script: string; style: string } {
  const dist = join(dirname(createRequire(import.meta.url).resolve("uplot/package.json")), "dist");
  return {
    script: readFileSync(join(dist, "uPlot.iife.min.js"), "utf8"),
    style: readFileSync(join(dist, "uPlot.min.css"), "utf8"),
  };
}

/**
 * `report.html`: the verdict, then two charts on one time axis — arrivals sent against the
 * planned curve, and each endpoint's p95 latency per Artillery period — so a latency rise lines
 * up with the load that caused it.
 */
export function renderHtmlReport(summary: PerfSummary, series: ReportSeries): string {
  const { script, style } = uplotAssets();
  const title = `Load test ${summary.scenario}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${html(title)}</title>
<style>${style}
body { font: 14px system-ui, sans-serif; margin: 24px; color: #222; }
table { border-collapse: collapse; margin: 12px 0; }
td, th { border: 1px solid #ccc; padding: 4px 8px; text-align: left; }
.fail { color: #b00; } .ok { color: #070; }
</style>
</head>
<body>
<h1>${html(title)}: ${summary.passed ? '<span class="ok">passed</span>' : '<span class="fail">failed</span>'}</h1>
${summary.saturation ? `<p class="fail"><strong>${html(summary.saturation)}</strong></p>` : ""}
${objectiveTable(summary)}
<h2>Arrivals per second: planned and sent</h2>
<div id="arrivals-chart" class="chart"></div>
<h2>p95 latency by endpoint (ms), per 10-second period</h2>
<div id="latency-chart" class="chart"></div>
<script type="application/json" id="series">${json(series)}</script>
<script>${script}</script>
<script>${chartScript}</script>
</body>
</html>
`;
}

function objectiveTable(summary: PerfSummary): string {
  const rows = summary.objectives.map(
    (o) =>
      `<tr><td class="${o.ok ? "ok" : "fail"}">${o.ok ? "met" : "not met"}</td><td>${html(o.name)}</td>` +
      `<td>${html(formatExpectation(o.comparison, o.limit, o.unit))}</td><td>${html(formatValue(o.actual, o.unit))}</td></tr>`,
  );
  return `<table><tr><th></th><th>objective</th><th>expected</th><th>actual</th></tr>${rows.join("")}</table>`;
}

const chartScript = `
const series = JSON.parse(document.getElementById("series").textContent);
const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#d62728"];
const width = Math.min(1100, document.body.clientWidth - 20);
new uPlot(
  { title: "arrivals/s", width, height: 260, scales: { x: { time: false } },
    series: [{ label: "second" },
      { label: "planned", stroke: "#999", dash: [6, 4], width: 2 },
      { label: "sent", stroke: "#222", width: 1 }] },
  [series.arrivals.seconds, series.arrivals.planned, series.arrivals.sent],
  document.getElementById("arrivals-chart"),
);
const endpoints = Object.keys(series.latency.p95ByEndpoint);
new uPlot(
  { title: "p95 ms", width, height: 300, scales: { x: { time: false } },
    series: [{ label: "second" }, ...endpoints.map((name, i) => ({ label: name, stroke: palette[i % palette.length], width: 2, points: { show: true } }))] },
  [series.latency.seconds, ...endpoints.map((name) => series.latency.p95ByEndpoint[name])],
  document.getElementById("latency-chart"),
);
`;

function html(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/** JSON inside a script element: `<` escaped so no value can close the element. */
function json(value: unknown): string {
  return JSON.stringify(value).replaceAll("<", "\\u003c");
}
