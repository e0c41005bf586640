import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";
import { normal } from "./normal.js";

/** Log-normal: exp of a normal with parameters `mu` and `sigma` of the logarithm. */
export function lognormal(source: UniformSource, mu: number, sigma: number): Sampler {
  const z = normal(source, mu, sigma);
  return () => Math.exp(z());
}

/** Parameters of the log-normal with the given median and 95th percentile. */
export function lognormalFromMedianP95(median: number, p95: number): { mu: number; sigma: number } {
  requireParam(
    isFiniteNumber(median) && median > 0 && isFiniteNumber(p95) && p95 >= median,
    "lognormal",
    `need 0 < median <= p95, got median ${median}, p95 ${p95}`,
  );
  const Z95 = 1.6448536269514722;
  return { mu: Math.log(median), sigma: Math.log(p95 / median) / Z95 };
}

/** Parameters of the log-normal with the given mean and coefficient of variation. */
export function lognormalFromMeanCv(mean: number, cv: number): { mu: number; sigma: number } {
  requireParam(
    isFiniteNumber(mean) && mean > 0 && isFiniteNumber(cv) && cv >= 0,
    "lognormal",
    `need mean > 0 and cv >= 0, got mean ${mean}, cv ${cv}`,
  );
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}
