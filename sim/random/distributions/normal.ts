import { isFiniteNumber, requireParam, type Sampler, type UniformSource } from "../source.js";

/** Normal by Marsaglia's polar method; the second variate of each pair is kept for the next call. */
export function normal(source: UniformSource, mean: number, sd: number): Sampler {
  requireParam(isFiniteNumber(mean), "normal", `mean must be finite, got ${mean}`);
  requireParam(isFiniteNumber(sd) && sd >= 0, "normal", `sd must be >= 0, got ${sd}`);
  let spare = NaN;
  return () => {
    if (!Number.isNaN(spare)) {
      const z = spare;
      spare = NaN;
      return mean + sd * z;
    }
    let x: number;
    let y: number;
    let r: number;
    do {
      x = source() * 2 - 1;
      y = source() * 2 - 1;
      r = x * x + y * y;
    } while (r === 0 || r >= 1);
    const scale = Math.sqrt((-2 * Math.log(r)) / r);
    spare = y * scale;
    return mean + sd * x * scale;
  };
}
