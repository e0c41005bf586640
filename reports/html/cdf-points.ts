/**
 * A latency CDF as few points as a chart needs: from sparse bins, the bin
 * edge where the cumulative share first reaches each of a fixed set of
 * levels, finer in the tail (0.5% steps, then 0.1% above 99%, then to
 * 99.99%). So the points do not grow with the request count.
 */
import { binUpperS } from "./latency-bins.js";

export interface CdfPoint {
  readonly latencyS: number;
  /** Share of completed requests at most latencyS. */
  readonly share: number;
}

function levels(): number[] {
  const out: number[] = [];
  for (let k = 1; k <= 198; k++) out.push(k / 200);
  for (let k = 991; k <= 999; k++) out.push(k / 1000);
  out.push(0.9995, 0.9999, 1);
  return out;
}
const LEVELS = levels();

export function cdfPoints(bins: readonly (readonly [number, number])[]): CdfPoint[] {
  const total = bins.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return [];
  const out: CdfPoint[] = [];
  let seen = 0;
  let level = 0;
  for (const [bin, n] of bins) {
    seen += n;
    const share = seen / total;
    // One point per bin at most: the bin's edge at its true cumulative share.
    if (level < LEVELS.length && share >= LEVELS[level]! - 1e-12) {
      out.push({ latencyS: binUpperS(bin), share });
      while (level < LEVELS.length && share >= LEVELS[level]! - 1e-12) level++;
    }
  }
  return out;
}
