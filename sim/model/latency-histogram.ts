/**
 * Quantiles of a stream of non-negative values in bounded memory: log-spaced
 * buckets with a relative width of 1% from 1 microsecond to ~11 days, plus
 * exact minimum, maximum, count and sum. A quantile is reported as the
 * upper edge of its bucket, clamped to the observed maximum.
 */
const MIN_VALUE = 1e-6;
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
const BUCKETS = Math.ceil(Math.log(1e6 / MIN_VALUE) / LOG_GROWTH) + 2;

export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  sum = 0;
  min = Infinity;
  max = 0;

  record(value: number): void {
    const v = value > 0 ? value : 0;
    this.count++;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    const i =
      v <= MIN_VALUE
        ? 0
        : Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(v / MIN_VALUE) / LOG_GROWTH));
    this.counts[i]!++;
  }

  mean(): number {
    return this.count > 0 ? this.sum / this.count : 0;
  }

  /** The q-quantile (0..1), within 1% above the true value. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) {
        const upper = i === 0 ? MIN_VALUE : MIN_VALUE * Math.pow(GROWTH, i);
        return Math.min(Math.max(upper, this.min), this.max);
      }
    }
    return this.max;
  }
}
