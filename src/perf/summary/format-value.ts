// Runs inside k6 as well as Node: no imports beyond this folder.
import type { MetricUnit } from "./perf-verdict.ts";

/** A metric value as people read it: `12.3 ms`, `0.12%`, `54,000`, `1.5 MB`. */
export function formatValue(value: number | undefined, unit: MetricUnit): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  switch (unit) {
    case "ms":
      return formatMilliseconds(value);
    case "ratio":
      return `${trimNumber(value * 100, 2)}%`;
    case "bytes":
      return formatBytes(value);
    case "count":
      return groupThousands(value);
  }
}

export function formatMilliseconds(value: number): string {
  if (value >= 1000) return `${trimNumber(value / 1000, 2)} s`;
  return `${trimNumber(value, value < 10 ? 2 : 1)} ms`;
}

/** Digits grouped by commas; written out because k6's runtime has no reliable Intl. */
export function groupThousands(value: number, decimals = 0): string {
  const [whole = "0", fraction] = Math.abs(value).toFixed(decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${value < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

function formatBytes(value: number): string {
  const units = ["B", "kB", "MB", "GB"];
  let scaled = value;
  let index = 0;
  while (scaled >= 1000 && index < units.length - 1) {
    scaled /= 1000;
    index++;
  }
  return `${trimNumber(scaled, 1)} ${units[index]}`;
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
