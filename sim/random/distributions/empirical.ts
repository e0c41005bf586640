import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Resamples the observed values, each equally likely. */
export function empiricalFromSamples(source: UniformSource, samples: readonly number[]): Sampler {
  requireParam(samples.length > 0, "empirical", "needs at least one sample");
  requireParam(samples.every(isFiniteNumber), "empirical", "samples must be finite numbers");
  const values = Float64Array.from(samples);
  const n = values.length;
  return () => values[Math.floor(source() * n)]!;
}

export interface PercentilePoint {
  /** Cumulative probability in [0, 1]. */
  readonly q: number;
  readonly value: number;
}

/**
 * Inverse-CDF sampling from percentile points, linear between them. The
 * points must include q = 0 and q = 1 (the minimum and maximum), with q and
 * value both non-decreasing.
 */
export function empiricalFromPercentiles(
  source: UniformSource,
  points: readonly PercentilePoint[],
): Sampler {
  const n = points.length;
  requireParam(n >= 2, "empirical", "needs at least two percentile points");
  requireParam(
    points[0]!.q === 0 && points[n - 1]!.q === 1,
    "empirical",
    "percentile points must start at q = 0 and end at q = 1",
  );
  for (let i = 0; i < n; i++) {
    const p = points[i]!;
    requireParam(isFiniteNumber(p.value), "empirical", `value at q = ${p.q} is not finite`);
    if (i > 0) {
      const prev = points[i - 1]!;
      requireParam(p.q >= prev.q, "empirical", "q must be non-decreasing");
      requireParam(p.value >= prev.value, "empirical", "values must be non-decreasing in q");
    }
  }
  const qs = Float64Array.from(points, (p) => p.q);
  const vs = Float64Array.from(points, (p) => p.value);
  return () => {
    const u = source();
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (qs[mid]! <= u) lo = mid;
      else hi = mid;
    }
    const span = qs[hi]! - qs[lo]!;
    return span > 0 ? vs[lo]! + ((u - qs[lo]!) / span) * (vs[hi]! - vs[lo]!) : vs[lo]!;
  };
}
