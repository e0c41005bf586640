import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Pareto (type I) with minimum `scale` and tail index `shape`, by inversion. */
export function pareto(source: UniformSource, scale: number, shape: number): Sampler {
  requireParam(isFiniteNumber(scale) && scale > 0, "pareto", `scale must be > 0, got ${scale}`);
  requireParam(isFiniteNumber(shape) && shape > 0, "pareto", `shape must be > 0, got ${shape}`);
  const inv = -1 / shape;
  // 1 - u lies in (0, 1], so the power is finite.
  return () => scale * Math.pow(1 - source(), inv);
}
