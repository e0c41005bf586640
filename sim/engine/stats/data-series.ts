/**
 * Weighted running statistics of a series of values: count, min, max, sum,
 * weighted mean and variance (West's incremental update, numerically stable),
 * and an optional fixed-width histogram with underflow and overflow buckets.
 */
export class DataSeries {
  readonly name: string | undefined;
  private n = 0;
  private totalWeight = 0;
  private mean = 0;
  private sq = 0;
  private lo = Infinity;
  private hi = -Infinity;
  private total = 0;
  private histogram: number[] | undefined;
  private hLower = 0;
  private hUpper = 0;
  private hBucketSize = 1;

  constructor(name?: string) {
    this.name = name;
  }

  reset(): void {
    this.n = 0;
    this.totalWeight = 0;
    this.mean = 0;
    this.sq = 0;
    this.lo = Infinity;
    this.hi = -Infinity;
    this.total = 0;
    this.histogram?.fill(0);
  }

  /** Buckets: [0] below `lower`, [1..nbuckets] the range, [nbuckets + 1] above `upper`. */
  setHistogram(lower: number, upper: number, nbuckets: number): void {
    if (!(upper > lower) || !Number.isInteger(nbuckets) || nbuckets < 1) {
      throw new RangeError(
        `histogram needs lower < upper and nbuckets >= 1, got ${lower}, ${upper}, ${nbuckets}`,
      );
    }
    this.hLower = lower;
    this.hUpper = upper;
    this.hBucketSize = (upper - lower) / nbuckets;
    this.histogram = new Array<number>(nbuckets + 2).fill(0);
  }

  getHistogram(): number[] | undefined {
    return this.histogram;
  }

  record(value: number, weight = 1): void {
    if (value > this.hi) this.hi = value;
    if (value < this.lo) this.lo = value;
    this.total += value;
    this.n++;
    const h = this.histogram;
    if (h) {
      if (value < this.hLower) h[0]! += weight;
      else if (value > this.hUpper) h[h.length - 1]! += weight;
      else {
        const i = Math.min(Math.floor((value - this.hLower) / this.hBucketSize) + 1, h.length - 1);
        h[i]! += weight;
      }
    }
    this.totalWeight += weight;
    if (this.totalWeight === 0) return;
    const prevMean = this.mean;
    this.mean = prevMean + (weight / this.totalWeight) * (value - prevMean);
    this.sq += weight * (value - prevMean) * (value - this.mean);
  }

  count(): number {
    return this.n;
  }

  min(): number {
    return this.lo;
  }

  max(): number {
    return this.hi;
  }

  range(): number {
    return this.hi - this.lo;
  }

  sum(): number {
    return this.total;
  }

  sumWeighted(): number {
    return this.mean * this.totalWeight;
  }

  /** Total weight recorded (the count when every weight is 1). */
  weight(): number {
    return this.totalWeight;
  }

  average(): number {
    return this.mean;
  }

  /** Population variance, weighted. */
  variance(): number {
    return this.sq / this.totalWeight;
  }

  deviation(): number {
    return Math.sqrt(this.variance());
  }
}
