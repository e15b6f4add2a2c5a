/**
 * The JSON `artillery run --output` writes: the whole run (`aggregate`) and one report per
 * 10-second period (`intermediate`). Only what qaops reads is typed.
 */
export interface ArtilleryReport {
  aggregate: ArtilleryPeriod;
  intermediate: ArtilleryPeriod[];
}

export interface ArtilleryPeriod {
  /** Epoch ms of the period's start (10-second windows; the aggregate's is its last). */
  period?: number | string;
  firstMetricAt?: number;
  lastMetricAt?: number;
  counters: Record<string, number>;
  rates?: Record<string, number>;
  /** Per histogram metric: min, max, count, mean, median, p50 … p999 (milliseconds for latency). */
  summaries: Record<string, Record<string, number>>;
}

/**
 * Every value of a period under one flat name, as Artillery's `ensure` plugin sees them:
 * counters and rates by their name, summaries as `<name>.<statistic>`.
 */
export function flatMetrics(period: ArtilleryPeriod): Map<string, number> {
  const values = new Map<string, number>();
  for (const [name, value] of Object.entries(period.counters)) values.set(name, value);
  for (const [name, value] of Object.entries(period.rates ?? {})) values.set(name, value);
  for (const [name, stats] of Object.entries(period.summaries)) {
    for (const [stat, value] of Object.entries(stats)) values.set(`${name}.${stat}`, value);
  }
  return values;
}
