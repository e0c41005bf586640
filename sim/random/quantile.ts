import { lognormalFromMedianP95 } from "./distributions/lognormal.js";
import { invertCdf } from "./invert-cdf.js";
import { requireParam } from "./source.js";
import type { DistSpec } from "./spec.js";
import { gammaP, normalCdf } from "./special.js";

/**
 * The q-quantile (0 <= q < 1) of a distribution: the value its sampler's
 * draws fall below with probability q. Closed form where one exists; the
 * gamma and the normal truncated at zero invert their CDF numerically. An
 * `empirical` spec is the discrete distribution of its samples, so its
 * quantile is one of them (the smallest with at least q of the mass at or
 * below it).
 */
export function quantileOf(spec: DistSpec, q: number): number {
  requireParam(q >= 0 && q < 1, "quantile", `q must be in [0, 1), got ${q}`);
  switch (spec.kind) {
    case "constant":
      return spec.value;
    case "exponential":
      return -spec.mean * Math.log1p(-q);
    case "lognormal": {
      // The spec names two quantiles: give them back exactly.
      if (q === 0.5 || spec.p95 === spec.median) return spec.median;
      if (q === 0.95) return spec.p95;
      const { mu, sigma } = lognormalFromMedianP95(spec.median, spec.p95);
      return Math.exp(mu + sigma * standardNormalQuantile(q));
    }
    case "uniform":
      return spec.min + q * (spec.max - spec.min);
    case "gamma": {
      const theta = spec.mean / spec.shape;
      return theta * invertCdf((x) => gammaP(spec.shape, x), q, 0, spec.shape);
    }
    case "normal": {
      if (spec.sd === 0) return spec.mean;
      const below = normalCdf(-spec.mean / spec.sd);
      const kept = 1 - below;
      const cdf = (x: number): number => (normalCdf((x - spec.mean) / spec.sd) - below) / kept;
      return invertCdf(cdf, q, 0, spec.mean + spec.sd);
    }
    case "triangular": {
      const { min, mode, max } = spec;
      const width = max - min;
      return q < (mode - min) / width
        ? min + Math.sqrt(q * width * (mode - min))
        : max - Math.sqrt((1 - q) * width * (max - mode));
    }
    case "pareto":
      return spec.scale * Math.pow(1 - q, -1 / spec.shape);
    case "weibull":
      return spec.scale * Math.pow(-Math.log1p(-q), 1 / spec.shape);
    case "empirical": {
      const sorted = [...spec.samples].sort((a, b) => a - b);
      const i = Math.max(0, Math.ceil(q * sorted.length) - 1);
      return sorted[i]!;
    }
    case "percentiles": {
      const pts = spec.points;
      let i = 1;
      while (i < pts.length - 1 && pts[i]!.q <= q) i++;
      const a = pts[i - 1]!;
      const b = pts[i]!;
      const span = b.q - a.q;
      return span > 0 ? a.value + ((q - a.q) / span) * (b.value - a.value) : a.value;
    }
  }
}

/** Median and 95th percentile, the two figures a policy weighs a latency by. */
export function medianAndP95(spec: DistSpec): { median: number; p95: number } {
  return { median: quantileOf(spec, 0.5), p95: quantileOf(spec, 0.95) };
}

function standardNormalQuantile(q: number): number {
  // Shifted so the search runs on [0, infinity): x = z + 40 covers every double's CDF.
  return invertCdf((x) => normalCdf(x - 40), q, 0, 40) - 40;
}
