/**
 * Numbers of a bounds file kept to six significant digits: short enough to
 * read in a diff, and a bound rounded away from the measured figure, so the
 * rounding only ever loosens it (by at most 1e-5 of itself; a last-bit
 * error of the sum it came from aside).
 */
const DIGITS = 6;

function step(x: number): number {
  return 10 ** (Math.floor(Math.log10(Math.abs(x))) - (DIGITS - 1));
}

/** `x` to six significant digits, the nearest. */
export function roundNearest(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(DIGITS));
}

/** The smallest six-digit number at or above `x` (`x` itself where six digits cannot say it). */
export function roundUp(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const near = roundNearest(x);
  // 2 + 0.1 is 2.1000000000000001: the decimal it stands for is already six digits.
  if (near >= x - 1e-12 * Math.abs(x)) return near;
  const s = step(x);
  if (!(s > 0)) return x;
  return Number((Math.ceil(x / s) * s).toPrecision(DIGITS));
}

/** The largest six-digit number at or below `x`. */
export function roundDown(x: number): number {
  return -roundUp(-x);
}
