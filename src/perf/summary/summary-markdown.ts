import { formatDuration } from "../load-shape/duration.ts";
import {
  formatExpectation,
  formatMilliseconds,
  formatValue,
  groupThousands,
} from "./format-value.ts";
import { failedObjectives } from "./perf-verdict.ts";
import type { PerfSummary } from "./perf-verdict.ts";

/** The run as Markdown: the terminal summary, the GitHub step summary and `summary.md`. */
export function renderSummaryMarkdown(summary: PerfSummary): string {
  return [
    headline(summary),
    ...(summary.saturation ? [`**⚠️ ${summary.saturation}.**`] : []),
    trafficLine(summary),
    objectiveTable(summary),
    endpointTable(summary),
    arrivalTable(summary),
  ]
    .filter((section) => section !== "")
    .join("\n\n")
    .concat("\n");
}

export function headline(summary: PerfSummary): string {
  const total = summary.objectives.length;
  const failed = failedObjectives(summary).length;
  if (failed === 0 && !summary.saturation) {
    return `### ✅ Load test \`${summary.scenario}\`: all ${total} objectives met`;
  }
  if (failed === 0) {
    return `### ❌ Load test \`${summary.scenario}\`: the load generator could not keep the plan`;
  }
  return `### ❌ Load test \`${summary.scenario}\`: ${failed} of ${total} objectives not met`;
}

function trafficLine(summary: PerfSummary): string {
  const t = summary.traffic;
  const duration =
    t.durationSeconds < 10 ? `${t.durationSeconds.toFixed(1)}s` : formatDuration(t.durationSeconds);
  return (
    `**Traffic:** ${groupThousands(t.requests)} requests ` +
    `(${groupThousands(t.requestsPerSecond, 1)}/s), ${formatValue(t.failedRatio, "ratio")} failed, ` +
    `${groupThousands(t.arrivals)} arrivals, ${duration}.`
  );
}

function objectiveTable(summary: PerfSummary): string {
  if (summary.objectives.length === 0) return "";
  const rows = summary.objectives.map(
    (o) =>
      `| ${o.ok ? "✅" : "❌"} | ${o.name} | ${formatExpectation(o.comparison, o.limit, o.unit)} | ${formatValue(o.actual, o.unit)} |`,
  );
  return ["| | objective | expected | actual |", "|---|---|---|---:|", ...rows].join("\n");
}

function endpointTable(summary: PerfSummary): string {
  if (summary.endpoints.length === 0) return "";
  const ms = (value: number | undefined) => (value === undefined ? "–" : formatMilliseconds(value));
  const rows = summary.endpoints.map(
    (e) =>
      `| ${e.endpoint} | ${groupThousands(e.requests)} | ${ms(e.median)} | ${ms(e.p95)} | ${ms(e.p99)} | ${ms(e.max)} |`,
  );
  return [
    "#### Latency by endpoint",
    "",
    "| endpoint | requests | median | p95 | p99 | max |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

/** Planned against achieved arrivals per phase; long plans show only the phases that fell short. */
function arrivalTable(summary: PerfSummary): string {
  const phases = summary.arrivals?.phases ?? [];
  if (phases.length === 0) return "";
  const shown = phases.length <= 12 ? phases : phases.filter((p) => p.shortfall > 0);
  const worst = Math.max(0, ...phases.map((p) => p.shortfall));
  const rows = shown.map(
    (p) =>
      `| ${p.index + 1} | ${groupThousands(p.plannedArrivals)} | ${groupThousands(p.achievedArrivals)} | ${groupThousands(p.achievedRate, 1)}/s | ${formatValue(Math.max(0, p.shortfall), "ratio")} |`,
  );
  return [
    "#### Arrivals: planned against sent",
    "",
    `${phases.length} phases; the largest shortfall ${formatValue(worst, "ratio")} (a run fails above 2%).`,
    ...(rows.length > 0
      ? ["", "| phase | planned | sent | rate | short |", "|---:|---:|---:|---:|---:|", ...rows]
      : []),
  ].join("\n");
}
