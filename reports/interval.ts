/** A figure with its 95% interval, and the test both the run's verdict and `sim compare` use. */

/** A figure and the half-width of its 95% interval, if it has one. */
export interface Estimate {
  readonly value: number;
  readonly ci95: number | undefined;
}

/**
 * Whether the 95% intervals overlap (the conservative reading of "not
 * significantly different"); undefined when either has none.
 */
export function intervalsOverlap(a: Estimate, b: Estimate): boolean | undefined {
  if (a.ci95 === undefined || b.ci95 === undefined) return undefined;
  return Math.abs(b.value - a.value) <= a.ci95 + b.ci95;
}
