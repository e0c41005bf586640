import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Uniform on [min, max). */
export function uniform(source: UniformSource, min: number, max: number): Sampler {
  requireParam(
    isFiniteNumber(min) && isFiniteNumber(max) && min <= max,
    "uniform",
    `need finite min <= max, got [${min}, ${max}]`,
  );
  const width = max - min;
  return () => min + source() * width;
}
