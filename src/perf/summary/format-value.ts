import type { ObjectiveUnit } from "../objectives/objective.ts";

/** A metric value as people read it: `12.3 ms`, `0.12%`, `54,000`. */
export function formatValue(value: number | undefined, unit: ObjectiveUnit): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  switch (unit) {
    case "ms":
      return formatMilliseconds(value);
    case "ratio":
      return `${trimNumber(value * 100, 2)}%`;
    case "count":
      return groupThousands(value);
  }
}

/** What an objective asks, in its unit: `< 20 ms`, `< 1%`, `== 100%`. */
export function formatExpectation(comparison: string, limit: number, unit: ObjectiveUnit): string {
  return `${comparison} ${formatValue(limit, unit)}`;
}

export function formatMilliseconds(value: number): string {
  if (value >= 1000) return `${trimNumber(value / 1000, 2)} s`;
  return `${trimNumber(value, value < 10 ? 2 : 1)} ms`;
}

export function groupThousands(value: number, decimals = 0): string {
  return value.toLocaleString("en-US", {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}
