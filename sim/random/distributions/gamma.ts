import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";
import { normal } from "./normal.js";

/**
 * Gamma with shape k and scale theta (mean k * theta), by Marsaglia and
 * Tsang (2000); shapes below 1 use the boost Gamma(k) = Gamma(k + 1) * U^(1/k).
 */
export function gamma(source: UniformSource, shape: number, scale: number): Sampler {
  requireParam(isFiniteNumber(shape) && shape > 0, "gamma", `shape must be > 0, got ${shape}`);
  requireParam(isFiniteNumber(scale) && scale > 0, "gamma", `scale must be > 0, got ${scale}`);
  const boost = shape < 1;
  const k = boost ? shape + 1 : shape;
  const d = k - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  const z = normal(source, 0, 1);
  return () => {
    let v: number;
    let x: number;
    for (;;) {
      do {
        x = z();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - source();
      if (u < 1 - 0.0331 * x * x * x * x) break;
      if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) break;
    }
    const g = d * v;
    return (boost ? g * Math.pow(1 - source(), 1 / shape) : g) * scale;
  };
}
