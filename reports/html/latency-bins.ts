/**
 * Counts of latencies in log-spaced bins, 1% wide from 1 microsecond up,
 * kept sparse so a report carries only the bins that were hit, and exactly
 * mergeable (same bins everywhere), so runs made apart can be added up.
 */
export const BIN_MIN_S = 1e-6;
export const BIN_GROWTH = 1.01;
const LOG_GROWTH = Math.log(BIN_GROWTH);

/** The bin of a latency: 0 holds everything up to BIN_MIN_S. */
export function binOf(latencyS: number): number {
  return latencyS <= BIN_MIN_S ? 0 : 1 + Math.floor(Math.log(latencyS / BIN_MIN_S) / LOG_GROWTH);
}

/** The upper edge of a bin, in seconds. */
export function binUpperS(bin: number): number {
  return BIN_MIN_S * Math.pow(BIN_GROWTH, bin);
}

export class LatencyBins {
  private readonly counts = new Map<number, number>();

  add(latencyS: number, count = 1): void {
    const b = binOf(latencyS);
    this.counts.set(b, (this.counts.get(b) ?? 0) + count);
  }

  addBins(bins: readonly (readonly [number, number])[]): void {
    for (const [b, n] of bins) this.counts.set(b, (this.counts.get(b) ?? 0) + n);
  }

  /** [bin, count] pairs in bin order: plain data for the report. */
  toPairs(): [number, number][] {
    return [...this.counts.entries()].sort((a, b) => a[0] - b[0]);
  }
}
