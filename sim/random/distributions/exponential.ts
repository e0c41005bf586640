import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Exponential with the given rate (mean 1/rate), by inversion. */
export function exponential(source: UniformSource, rate: number): Sampler {
  requireParam(isFiniteNumber(rate) && rate > 0, "exponential", `rate must be > 0, got ${rate}`);
  // 1 - u lies in (0, 1], so the logarithm is always finite.
  return () => -Math.log(1 - source()) / rate;
}
