import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Weibull with the given scale (lambda) and shape (k), by inversion. */
export function weibull(source: UniformSource, scale: number, shape: number): Sampler {
  requireParam(isFiniteNumber(scale) && scale > 0, "weibull", `scale must be > 0, got ${scale}`);
  requireParam(isFiniteNumber(shape) && shape > 0, "weibull", `shape must be > 0, got ${shape}`);
  const inv = 1 / shape;
  return () => scale * Math.pow(-Math.log(1 - source()), inv);
}
