import { planDurationSeconds, plannedRateAt } from "../load-shape/arrival-plan.ts";
import type { ArrivalPlan } from "../load-shape/arrival-plan.ts";
import type { TimelineBucket } from "../metrics/metric-timeline.ts";
import { parseThresholdExpression, splitMetricKey } from "../summary/threshold-expression.ts";
import { formatElapsed, formatTick, niceCeiling, ticks } from "./chart-scale.ts";

export interface LatencyChartInput {
  title: string;
  buckets: TimelineBucket[];
  /** Drawn as the target arrival-rate curve when the scenario followed one. */
  plan?: ArrivalPlan;
  /** Thresholds on `http_req_duration{endpoint:…}` with a p(95) bound are drawn as lines. */
  objectives?: { metricKey: string; expression: string }[];
}

const width = 960;
const margin = { left: 64, right: 180, top: 40 };
const plotWidth = width - margin.left - margin.right;
const rateTop = margin.top + 20;
const rateHeight = 170;
const latencyTop = rateTop + rateHeight + 70;
const latencyHeight = 230;
const height = latencyTop + latencyHeight + 50;
const rateColor = "#222";
const plannedColor = "#999";
const droppedColor = "#d62728";
const palette = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#17becf",
  "#bcbd22",
];

/**
 * Latency over time against the arrival rate, as one SVG: the top panel shows the planned rate
 * (dashed), the rate achieved and any dropped iterations; the bottom panel each endpoint's p95
 * latency per time bucket with its objective. Both panels share the time axis, so a latency
 * rise lines up with the rate that caused it.
 */
export function renderLatencyChart(input: LatencyChartInput): string {
  const buckets = input.buckets;
  const lastSecond = Math.max(
    1,
    input.plan ? planDurationSeconds(input.plan) : 0,
    ...buckets.map((b) => b.startSecond + b.widthSeconds),
  );
  const x = (second: number) => margin.left + (second / lastSecond) * plotWidth;
  const mid = (b: TimelineBucket) => b.startSecond + b.widthSeconds / 2;

  const achieved = buckets.map((b) => ({ second: mid(b), value: b.requests / b.widthSeconds }));
  const planned = input.plan ? samplePlan(input.plan, lastSecond) : [];
  const rateMax = niceCeiling(
    Math.max(1, ...achieved.map((p) => p.value), ...planned.map((p) => p.value)),
  );
  const yRate = (value: number) => rateTop + rateHeight - (value / rateMax) * rateHeight;

  const endpoints = [...new Set(buckets.flatMap((b) => [...b.latency.keys()]))].sort();
  const series = endpoints.map((endpoint) => ({
    endpoint,
    points: buckets.flatMap((b) => {
      const p95 = b.latency.get(endpoint)?.percentile(95);
      return p95 === undefined ? [] : [{ second: mid(b), value: p95 }];
    }),
  }));
  const objectiveBounds = [
    ...new Set(
      p95Objectives(input.objectives ?? [])
        .filter((o) => endpoints.includes(o.endpoint))
        .map((o) => o.boundMs),
    ),
  ].sort((a, b) => a - b);
  const latencyMax = niceCeiling(
    Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.value)), ...objectiveBounds),
  );
  const yLatency = (value: number) =>
    latencyTop + latencyHeight - (value / latencyMax) * latencyHeight;
  const colorOf = (endpoint: string) =>
    palette[endpoints.indexOf(endpoint) % palette.length] ?? "#333";

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${margin.left}" y="24" font-size="16" font-weight="bold">${escapeXml(input.title)}</text>`,
    panelTitle(rateTop - 8, "Arrival rate (requests/s)"),
    ...yAxis(rateTop, rateHeight, rateMax, yRate),
    panelTitle(latencyTop - 8, "p95 latency by endpoint (ms)"),
    ...yAxis(latencyTop, latencyHeight, latencyMax, yLatency),
    ...timeAxis(lastSecond, x),
  ];

  parts.push(
    polyline(
      achieved.map((p) => [x(p.second), yRate(p.value)]),
      rateColor,
    ),
  );
  // The plan goes on top: where the achieved rate follows it, its dashes still show.
  if (planned.length > 0) {
    parts.push(
      polyline(
        planned.map((p) => [x(p.second), yRate(p.value)]),
        plannedColor,
        'stroke-dasharray="6 4"',
      ),
    );
  }
  for (const b of buckets.filter((bucket) => bucket.droppedIterations > 0)) {
    parts.push(
      `<rect x="${fixed(x(b.startSecond))}" y="${rateTop + rateHeight - 6}" width="${fixed(Math.max(1, x(b.startSecond + b.widthSeconds) - x(b.startSecond)))}" height="6" fill="${droppedColor}"><title>${b.droppedIterations} dropped iterations</title></rect>`,
    );
  }
  let previousLabelY = Number.NEGATIVE_INFINITY;
  for (const boundMs of [...objectiveBounds].reverse()) {
    const y = yLatency(boundMs);
    // From the top down: a bound close below another gets its label under its line instead.
    const labelY = Math.abs(previousLabelY - (y - 4)) < 14 ? y + 13 : y - 4;
    previousLabelY = labelY;
    parts.push(
      `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="${plannedColor}" stroke-dasharray="3 3"/>`,
      `<text x="${margin.left + plotWidth - 4}" y="${fixed(labelY)}" text-anchor="end" fill="#666">p95 objective ${formatTick(boundMs)} ms</text>`,
    );
  }
  for (const s of series) {
    parts.push(
      polyline(
        s.points.map((p) => [x(p.second), yLatency(p.value)]),
        colorOf(s.endpoint),
      ),
    );
  }

  const legend: [string, string, boolean][] = [
    ...(planned.length > 0
      ? [["planned rate", plannedColor, true] as [string, string, boolean]]
      : []),
    ["achieved rate", rateColor, false],
    ["dropped iterations", droppedColor, false],
    ...series.map((s): [string, string, boolean] => [
      `p95 ${s.endpoint}`,
      colorOf(s.endpoint),
      false,
    ]),
  ];
  legend.forEach(([label, color, dashed], index) => {
    const y = rateTop + index * 18;
    const lx = margin.left + plotWidth + 16;
    parts.push(
      `<line x1="${lx}" x2="${lx + 20}" y1="${y}" y2="${y}" stroke="${color}" stroke-width="2"${dashed ? ' stroke-dasharray="4 3"' : ""}/>`,
      `<text x="${lx + 26}" y="${y + 4}">${escapeXml(label)}</text>`,
    );
  });
  if (buckets.length === 0) {
    parts.push(
      `<text x="${margin.left + plotWidth / 2}" y="${latencyTop + latencyHeight / 2}" text-anchor="middle" fill="#888">no samples recorded</text>`,
    );
  }
  parts.push("</svg>", "");
  return parts.join("\n");
}

function samplePlan(plan: ArrivalPlan, lastSecond: number): { second: number; value: number }[] {
  const points = 400;
  return Array.from({ length: points + 1 }, (_, index) => {
    const second = (lastSecond * index) / points;
    return { second, value: plannedRateAt(plan, second) };
  });
}

function p95Objectives(objectives: { metricKey: string; expression: string }[]) {
  return objectives.flatMap((o) => {
    const { metric, tags } = splitMetricKey(o.metricKey);
    const threshold = parseThresholdExpression(o.expression);
    if (metric !== "http_req_duration" || !tags.endpoint || threshold?.aggregation !== "p(95)")
      return [];
    return [{ endpoint: tags.endpoint, boundMs: threshold.bound }];
  });
}

function panelTitle(y: number, text: string): string {
  return `<text x="${margin.left}" y="${y}" font-weight="bold">${text}</text>`;
}

function yAxis(top: number, panelHeight: number, max: number, y: (v: number) => number): string[] {
  return [
    `<rect x="${margin.left}" y="${top}" width="${plotWidth}" height="${panelHeight}" fill="none" stroke="#ccc"/>`,
    ...ticks(max).map((value) => {
      const yy = fixed(y(value));
      return (
        `<line x1="${margin.left}" x2="${margin.left + plotWidth}" y1="${yy}" y2="${yy}" stroke="#eee"/>` +
        `<text x="${margin.left - 6}" y="${yy}" text-anchor="end" dominant-baseline="middle">${formatTick(value)}</text>`
      );
    }),
  ];
}

function timeAxis(lastSecond: number, x: (second: number) => number): string[] {
  const y = latencyTop + latencyHeight;
  return ticks(lastSecond, 6).map(
    (second) =>
      `<text x="${fixed(x(second))}" y="${y + 18}" text-anchor="middle">${formatElapsed(second)}</text>`,
  );
}

function polyline(points: number[][], color: string, extra = ""): string {
  if (points.length === 0) return "";
  const coordinates = points.map(([px = 0, py = 0]) => `${fixed(px)},${fixed(py)}`).join(" ");
  return `<polyline points="${coordinates}" fill="none" stroke="${color}" stroke-width="1.5" ${extra}/>`;
}

function fixed(value: number): string {
  return value.toFixed(1);
}

function escapeXml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}
