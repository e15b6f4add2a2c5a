import { LatencyHistogram } from "./latency-histogram.ts";
import type { MetricPoint } from "./metric-point.ts";

/** What happened during one slice of the run. */
export interface TimelineBucket {
  /** Seconds since the scenario started. */
  startSecond: number;
  widthSeconds: number;
  requests: number;
  failedRequests: number;
  iterations: number;
  droppedIterations: number;
  checksPassed: number;
  checksFailed: number;
  maxVus: number;
  /** Keyed by the request's `endpoint` tag; untagged requests under `other`. */
  latency: Map<string, LatencyHistogram>;
}

export interface MetricTimelineOptions {
  /** Buckets start one second wide and double in width whenever the run outgrows this many. */
  maxBuckets?: number;
}

/**
 * k6's samples folded, as they stream in, into time buckets: what the latency chart draws and
 * the stress analysis reads. Memory is bounded by the bucket count, not by the run's length.
 * Samples may arrive a little out of order (k6 flushes each metric on its own); each one goes to
 * the bucket of its own timestamp.
 */
export class MetricTimeline {
  readonly #maxBuckets: number;
  #widthSeconds = 1;
  #buckets: (TimelineBucket | undefined)[] = [];
  #originMs: number | undefined;

  constructor(options: MetricTimelineOptions = {}) {
    this.#maxBuckets = Math.max(2, options.maxBuckets ?? 480);
  }

  /** Epoch ms of second 0: the first sample a scenario produced (setup() carries no scenario). */
  get originMs(): number | undefined {
    return this.#originMs;
  }

  record(point: MetricPoint): void {
    if (this.#originMs === undefined) {
      if (point.tags.scenario === undefined) return;
      this.#originMs = point.time;
    }
    const second = Math.max(0, (point.time - this.#originMs) / 1000);
    let index = Math.floor(second / this.#widthSeconds);
    while (index >= this.#maxBuckets) {
      this.#widen();
      index = Math.floor(second / this.#widthSeconds);
    }
    const bucket = (this.#buckets[index] ??= this.#emptyBucket(index));
    addToBucket(bucket, point);
  }

  /** The buckets so far, in time order; gaps (seconds without samples) are left out. */
  buckets(): TimelineBucket[] {
    return this.#buckets.filter((bucket): bucket is TimelineBucket => bucket !== undefined);
  }

  #emptyBucket(index: number): TimelineBucket {
    return emptyBucket(index * this.#widthSeconds, this.#widthSeconds);
  }

  #widen(): void {
    const previous = this.#buckets;
    this.#widthSeconds *= 2;
    this.#buckets = [];
    previous.forEach((bucket, index) => {
      if (!bucket) return;
      const target = Math.floor(index / 2);
      const merged = (this.#buckets[target] ??= this.#emptyBucket(target));
      mergeBuckets(merged, bucket);
    });
  }
}

function addToBucket(bucket: TimelineBucket, point: MetricPoint): void {
  switch (point.metric) {
    case "http_req_duration": {
      const endpoint = point.tags.endpoint ?? "other";
      let histogram = bucket.latency.get(endpoint);
      if (!histogram) bucket.latency.set(endpoint, (histogram = new LatencyHistogram()));
      histogram.record(point.value);
      bucket.requests++;
      break;
    }
    case "http_req_failed":
      if (point.value !== 0) bucket.failedRequests++;
      break;
    case "iterations":
      bucket.iterations += point.value;
      break;
    case "dropped_iterations":
      bucket.droppedIterations += point.value;
      break;
    case "checks":
      if (point.value !== 0) bucket.checksPassed++;
      else bucket.checksFailed++;
      break;
    case "vus":
      bucket.maxVus = Math.max(bucket.maxVus, point.value);
      break;
  }
}

/** Adds `source` into `target`; also how the stress analysis sums a step's buckets. */
/** A bucket that nothing has been counted into yet. */
export function emptyBucket(startSecond: number, widthSeconds: number): TimelineBucket {
  return {
    startSecond,
    widthSeconds,
    requests: 0,
    failedRequests: 0,
    iterations: 0,
    droppedIterations: 0,
    checksPassed: 0,
    checksFailed: 0,
    maxVus: 0,
    latency: new Map(),
  };
}

export function mergeBuckets(target: TimelineBucket, source: TimelineBucket): void {
  target.requests += source.requests;
  target.failedRequests += source.failedRequests;
  target.iterations += source.iterations;
  target.droppedIterations += source.droppedIterations;
  target.checksPassed += source.checksPassed;
  target.checksFailed += source.checksFailed;
  target.maxVus = Math.max(target.maxVus, source.maxVus);
  for (const [endpoint, histogram] of source.latency) {
    let merged = target.latency.get(endpoint);
    if (!merged) target.latency.set(endpoint, (merged = new LatencyHistogram()));
    merged.merge(histogram);
  }
}
