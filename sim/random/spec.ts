import {
  empiricalFromPercentiles,
  empiricalFromSamples,
  type PercentilePoint,
} from "./distributions/empirical.js";
import { exponential } from "./distributions/exponential.js";
import { gamma } from "./distributions/gamma.js";
import { lognormal, lognormalFromMedianP95 } from "./distributions/lognormal.js";
import { normal } from "./distributions/normal.js";
import { pareto } from "./distributions/pareto.js";
import { triangular } from "./distributions/triangular.js";
import { uniform } from "./distributions/uniform.js";
import { weibull } from "./distributions/weibull.js";
import { lnGamma, normalCdf, normalPdf } from "./special.js";
import { requireParam, type Sampler, type UniformSource } from "./source.js";

/** A distribution described as plain data, in whatever unit its user chose. */
export type DistSpec =
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "exponential"; readonly mean: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly p95: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "gamma"; readonly shape: number; readonly mean: number }
  /**
   * Normal truncated at zero (a draw below zero is drawn again): what it
   * describes, a time or a size, is never negative.
   */
  | { readonly kind: "normal"; readonly mean: number; readonly sd: number }
  | {
      readonly kind: "triangular";
      readonly min: number;
      readonly mode: number;
      readonly max: number;
    }
  /** Pareto type I: `scale` is the minimum, `shape` the tail index. */
  | { readonly kind: "pareto"; readonly scale: number; readonly shape: number }
  | { readonly kind: "weibull"; readonly scale: number; readonly shape: number }
  | { readonly kind: "empirical"; readonly samples: readonly number[] }
  /** Linear between percentile points, from q = 0 (the minimum) to q = 1 (the maximum). */
  | { readonly kind: "percentiles"; readonly points: readonly PercentilePoint[] };

export function samplerOf(spec: DistSpec, source: UniformSource): Sampler {
  switch (spec.kind) {
    case "constant": {
      const v = spec.value;
      return () => v;
    }
    case "exponential":
      return spec.mean === 0 ? () => 0 : exponential(source, 1 / spec.mean);
    case "lognormal": {
      if (spec.p95 === spec.median) return () => spec.median;
      const { mu, sigma } = lognormalFromMedianP95(spec.median, spec.p95);
      return lognormal(source, mu, sigma);
    }
    case "uniform":
      return uniform(source, spec.min, spec.max);
    case "gamma":
      return gamma(source, spec.shape, spec.mean / spec.shape);
    case "normal": {
      // A negative mean would make the redraws run for ever.
      requireParam(
        spec.mean >= 0,
        "normal",
        `truncated at zero needs a mean >= 0, got ${spec.mean}`,
      );
      const z = normal(source, spec.mean, spec.sd);
      return () => {
        for (;;) {
          const x = z();
          if (x >= 0) return x;
        }
      };
    }
    case "triangular":
      return triangular(source, spec.min, spec.mode, spec.max);
    case "pareto":
      return pareto(source, spec.scale, spec.shape);
    case "weibull":
      return weibull(source, spec.scale, spec.shape);
    case "empirical":
      return empiricalFromSamples(source, spec.samples);
    case "percentiles":
      return empiricalFromPercentiles(source, spec.points);
  }
}

/** The mean of a distribution, for reports and analytic checks. */
export function meanOf(spec: DistSpec): number {
  switch (spec.kind) {
    case "constant":
      return spec.value;
    case "exponential":
      return spec.mean;
    case "lognormal": {
      if (spec.p95 === spec.median) return spec.median;
      const { mu, sigma } = lognormalFromMedianP95(spec.median, spec.p95);
      return Math.exp(mu + (sigma * sigma) / 2);
    }
    case "uniform":
      return (spec.min + spec.max) / 2;
    case "gamma":
      return spec.mean;
    case "normal": {
      if (spec.sd === 0) return spec.mean;
      // Mean of the normal truncated below at zero.
      const alpha = -spec.mean / spec.sd;
      return spec.mean + (spec.sd * normalPdf(alpha)) / (1 - normalCdf(alpha));
    }
    case "triangular":
      return (spec.min + spec.mode + spec.max) / 3;
    case "pareto":
      return spec.shape > 1 ? (spec.scale * spec.shape) / (spec.shape - 1) : Infinity;
    case "weibull":
      return spec.scale * Math.exp(lnGamma(1 + 1 / spec.shape));
    case "empirical":
      return spec.samples.reduce((a, b) => a + b, 0) / spec.samples.length;
    case "percentiles": {
      let sum = 0;
      for (let i = 1; i < spec.points.length; i++) {
        const a = spec.points[i - 1]!;
        const b = spec.points[i]!;
        sum += ((b.q - a.q) * (a.value + b.value)) / 2;
      }
      return sum;
    }
  }
}
