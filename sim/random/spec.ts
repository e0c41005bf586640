import { empiricalFromSamples } from "./distributions/empirical.js";
import { exponential } from "./distributions/exponential.js";
import { gamma } from "./distributions/gamma.js";
import { lognormal, lognormalFromMedianP95 } from "./distributions/lognormal.js";
import { uniform } from "./distributions/uniform.js";
import type { Sampler, UniformSource } from "./source.js";

/** A distribution described as plain data, in whatever unit its user chose. */
export type DistSpec =
  | { readonly kind: "constant"; readonly value: number }
  | { readonly kind: "exponential"; readonly mean: number }
  | { readonly kind: "lognormal"; readonly median: number; readonly p95: number }
  | { readonly kind: "uniform"; readonly min: number; readonly max: number }
  | { readonly kind: "gamma"; readonly shape: number; readonly mean: number }
  | { readonly kind: "empirical"; readonly samples: readonly number[] };

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
    case "empirical":
      return empiricalFromSamples(source, spec.samples);
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
    case "empirical":
      return spec.samples.reduce((a, b) => a + b, 0) / spec.samples.length;
  }
}
