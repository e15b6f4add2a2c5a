// Runs inside k6 as well as Node: no imports beyond src/perf's k6-safe folders.
import { formatDuration } from "../load-shape/duration.ts";
import { formatMilliseconds, formatValue, groupThousands } from "./format-value.ts";
import { failedThresholds } from "./perf-verdict.ts";
import type { PerfVerdict } from "./perf-verdict.ts";

/** The run as Markdown: the terminal summary, the GitHub step summary and `summary.md`. */
export function renderSummaryMarkdown(verdict: PerfVerdict): string {
  return [
    headline(verdict),
    trafficLine(verdict),
    thresholdTable(verdict),
    endpointTable(verdict),
    checkTable(verdict),
  ]
    .filter((section) => section !== "")
    .join("\n\n")
    .concat("\n");
}

export function headline(verdict: PerfVerdict): string {
  const total = verdict.thresholds.length;
  const failed = failedThresholds(verdict).length;
  return verdict.passed
    ? `### ✅ k6 \`${verdict.scenario}\`: all ${total} thresholds passed`
    : `### ❌ k6 \`${verdict.scenario}\`: ${failed} of ${total} thresholds failed`;
}

export function trafficLine(verdict: PerfVerdict): string {
  const t = verdict.traffic;
  const duration =
    t.durationSeconds < 10 ? `${t.durationSeconds.toFixed(1)}s` : formatDuration(t.durationSeconds);
  return (
    `**Traffic:** ${groupThousands(t.requests)} requests ` +
    `(${groupThousands(t.requestsPerSecond, 1)}/s), ${formatValue(t.failedRatio, "ratio")} failed, ` +
    `${groupThousands(t.droppedIterations)} dropped iterations, ` +
    (t.maxVus > 0 ? `max ${groupThousands(t.maxVus)} VUs, ` : "") +
    `${duration}.`
  );
}

function thresholdTable(verdict: PerfVerdict): string {
  if (verdict.thresholds.length === 0) return "";
  const rows = verdict.thresholds.map(
    (t) =>
      `| ${t.ok ? "✅" : "❌"} | \`${t.metricKey}\` | \`${t.expression}\` | ${formatValue(t.actual, t.unit)} |`,
  );
  return ["| | metric | objective | actual |", "|---|---|---|---:|", ...rows].join("\n");
}

function endpointTable(verdict: PerfVerdict): string {
  if (verdict.endpoints.length === 0) return "";
  const ms = (value: number | undefined) => (value === undefined ? "–" : formatMilliseconds(value));
  const rows = verdict.endpoints.map(
    (e) =>
      `| ${e.endpoint} | ${groupThousands(e.requests)} | ${ms(e.med)} | ${ms(e.p95)} | ${ms(e.p99)} | ${ms(e.max)} |`,
  );
  return [
    "#### Latency by endpoint",
    "",
    "| endpoint | requests | median | p95 | p99 | max |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows,
  ].join("\n");
}

function checkTable(verdict: PerfVerdict): string {
  if (verdict.checks.length === 0) return "";
  const rows = verdict.checks.map(
    (c) =>
      `| ${c.fails === 0 ? "✅" : "❌"} | ${escapeCell(c.name)} | ${groupThousands(c.passes)} / ${groupThousands(c.passes + c.fails)} |`,
  );
  return ["#### Checks", "", "| | check | passed |", "|---|---|---:|", ...rows].join("\n");
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}
