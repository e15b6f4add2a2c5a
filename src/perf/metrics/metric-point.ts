/** One sample from k6's JSON output, reduced to what the timeline reads. */
export interface MetricPoint {
  metric: string;
  /** Epoch milliseconds. */
  time: number;
  value: number;
  tags: Record<string, string>;
}

/** The metrics the timeline reads; every other line is skipped before it is parsed. */
export const timelineMetrics = new Set([
  "http_req_duration",
  "http_req_failed",
  "iterations",
  "dropped_iterations",
  "checks",
  "vus",
]);

const metricPrefix = '{"metric":"';

/**
 * A line of `k6 run --out json=…` → a point, or undefined for metric declarations, metrics the
 * timeline does not read, and lines that are not k6 JSON at all.
 */
export function parseK6JsonLine(line: string): MetricPoint | undefined {
  if (!line.startsWith(metricPrefix)) return undefined;
  const end = line.indexOf('"', metricPrefix.length);
  if (!timelineMetrics.has(line.slice(metricPrefix.length, end))) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  const sample = parsed as {
    metric?: string;
    type?: string;
    data?: { time?: string; value?: number; tags?: Record<string, string> | null };
  };
  if (sample.type !== "Point" || !sample.metric || !sample.data?.time) return undefined;
  const time = Date.parse(sample.data.time);
  if (Number.isNaN(time) || typeof sample.data.value !== "number") return undefined;
  return { metric: sample.metric, time, value: sample.data.value, tags: sample.data.tags ?? {} };
}
