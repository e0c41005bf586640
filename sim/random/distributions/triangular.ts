import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Triangular on [min, max] with the given mode, by inversion. */
export function triangular(source: UniformSource, min: number, mode: number, max: number): Sampler {
  requireParam(
    isFiniteNumber(min) &&
      isFiniteNumber(mode) &&
      isFiniteNumber(max) &&
      min <= mode &&
      mode <= max &&
      min < max,
    "triangular",
    `need min <= mode <= max and min < max, got ${min}, ${mode}, ${max}`,
  );
  const width = max - min;
  const split = (mode - min) / width;
  return () => {
    const u = source();
    return u < split
      ? min + Math.sqrt(u * width * (mode - min))
      : max - Math.sqrt((1 - u) * width * (max - mode));
  };
}
