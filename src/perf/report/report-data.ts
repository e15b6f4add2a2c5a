import type { ArtilleryPeriod } from "../artillery/artillery-report.ts";
import { planDurationSeconds, plannedRateAt } from "../load-shape/arrival-plan.ts";
import { endpointLatencyPrefix } from "../objectives/objective.ts";
import type { PerfSummary } from "../summary/perf-verdict.ts";

/** The series the HTML report draws, on one time axis (seconds since the first phase began). */
export interface ReportSeries {
  /** One point per second: the planned arrival rate and the arrivals actually sent. */
  arrivals: { seconds: number[]; planned: (number | null)[]; sent: (number | null)[] };
  /** One point per Artillery period (10 s): each endpoint's p95 latency, in ms. */
  latency: { seconds: number[]; p95ByEndpoint: Record<string, (number | null)[]> };
}

export function reportSeries(input: {
  summary: PerfSummary;
  periods: readonly ArtilleryPeriod[];
  sentPerSecond: readonly number[];
  originMs: number;
}): ReportSeries {
  const { summary, periods, sentPerSecond, originMs } = input;
  const plan = summary.plan;
  const lastSecond = Math.max(plan ? planDurationSeconds(plan) : 0, sentPerSecond.length);
  const seconds = Array.from({ length: lastSecond + 1 }, (_, second) => second);
  const endpoints = summary.endpoints.map((e) => e.endpoint);
  const periodStart = (p: ArtilleryPeriod) => Number(p.period ?? p.firstMetricAt ?? originMs);
  const sorted = [...periods].sort((a, b) => periodStart(a) - periodStart(b));
  return {
    arrivals: {
      seconds,
      planned: seconds.map((s) => (plan ? plannedRateAt(plan, s) : null)),
      sent: seconds.map((s) => sentPerSecond[s] ?? null),
    },
    latency: {
      seconds: sorted.map((p) => Math.max(0, (periodStart(p) - originMs) / 1000)),
      p95ByEndpoint: Object.fromEntries(
        endpoints.map((endpoint) => [
          endpoint,
          sorted.map((p) => p.summaries[`${endpointLatencyPrefix}${endpoint}`]?.p95 ?? null),
        ]),
      ),
    },
  };
}
