/** Relative width of a bin: percentiles read from the histogram are within 2% of the truth. */
const growth = 1.02;
const logGrowth = Math.log(growth);
/** Bin 0 holds everything at or below a microsecond. */
const smallestMs = 0.001;

/**
 * Latencies in log-spaced bins: memory stays bounded however many requests a run sends, and two
 * histograms merge by adding counts, so a timeline can widen its buckets as a run goes on.
 */
export class LatencyHistogram {
  readonly #bins = new Map<number, number>();
  count = 0;
  sum = 0;
  min = Infinity;
  max = -Infinity;

  record(valueMs: number): void {
    const bin = valueMs <= smallestMs ? 0 : Math.ceil(Math.log(valueMs / smallestMs) / logGrowth);
    this.#bins.set(bin, (this.#bins.get(bin) ?? 0) + 1);
    this.count++;
    this.sum += valueMs;
    if (valueMs < this.min) this.min = valueMs;
    if (valueMs > this.max) this.max = valueMs;
  }

  merge(other: LatencyHistogram): void {
    for (const [bin, count] of other.#bins) this.#bins.set(bin, (this.#bins.get(bin) ?? 0) + count);
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  /**
   * The value below which `percent`% of the recorded values fall (k6's convention: p(100) is
   * the max); undefined when empty. Within one bin's width of the exact value, and never
   * outside [min, max].
   */
  percentile(percent: number): number | undefined {
    if (this.count === 0) return undefined;
    const rank = Math.max(1, Math.ceil((percent / 100) * this.count));
    let seen = 0;
    for (const bin of [...this.#bins.keys()].sort((a, b) => a - b)) {
      seen += this.#bins.get(bin) ?? 0;
      if (seen >= rank) {
        const upper = bin === 0 ? smallestMs : smallestMs * growth ** bin;
        return Math.min(this.max, Math.max(this.min, upper));
      }
    }
    return this.max;
  }

  mean(): number | undefined {
    return this.count === 0 ? undefined : this.sum / this.count;
  }
}
