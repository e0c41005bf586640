/**
 * Numbers of a bounds file kept to six significant digits: short enough to
 * read in a diff, and a bound rounded away from the measured figure, so the
 * rounding only ever loosens it (by at most 1e-5 of itself).
 */
const DIGITS = 6;

function step(x: number): number {
  return 10 ** (Math.floor(Math.log10(Math.abs(x))) - (DIGITS - 1));
}

/** `x` to six significant digits, the nearest. */
export function roundNearest(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(DIGITS));
}

/** The smallest six-digit number at or above `x`. */
export function roundUp(x: number): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const s = step(x);
  return Number((Math.ceil(x / s) * s).toPrecision(DIGITS));
}

/** The largest six-digit number at or below `x`. */
export function roundDown(x: number): number {
  return -roundUp(-x);
}
