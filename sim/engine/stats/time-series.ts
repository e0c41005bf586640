import { DataSeries } from "./data-series.js";

/**
 * A piecewise-constant signal over time: each recorded value holds until the
 * next record, and counts with the length of time it held. `finalize(t)`
 * closes the last piece at t.
 */
export class TimeSeries {
  readonly dataSeries: DataSeries;
  private lastValue = NaN;
  private lastTimestamp = NaN;

  constructor(name?: string) {
    this.dataSeries = new DataSeries(name);
  }

  reset(): void {
    this.dataSeries.reset();
    this.lastValue = NaN;
    this.lastTimestamp = NaN;
  }

  setHistogram(lower: number, upper: number, nbuckets: number): void {
    this.dataSeries.setHistogram(lower, upper, nbuckets);
  }

  getHistogram(): number[] | undefined {
    return this.dataSeries.getHistogram();
  }

  record(value: number, timestamp: number): void {
    if (!Number.isNaN(this.lastTimestamp)) {
      this.dataSeries.record(this.lastValue, timestamp - this.lastTimestamp);
    }
    this.lastValue = value;
    this.lastTimestamp = timestamp;
  }

  finalize(timestamp: number): void {
    this.record(NaN, timestamp);
  }

  count(): number {
    return this.dataSeries.count();
  }

  min(): number {
    return this.dataSeries.min();
  }

  max(): number {
    return this.dataSeries.max();
  }

  range(): number {
    return this.dataSeries.range();
  }

  sum(): number {
    return this.dataSeries.sum();
  }

  /** Time-weighted mean. */
  average(): number {
    return this.dataSeries.average();
  }

  deviation(): number {
    return this.dataSeries.deviation();
  }

  variance(): number {
    return this.dataSeries.variance();
  }
}
