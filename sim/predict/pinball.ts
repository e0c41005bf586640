/**
 * The pinball (quantile) loss and sample quantiles: what the quantile
 * regressors minimise and how a leaf picks its value.
 */

/** Pinball loss of predicting `q` for `y` at quantile `tau`. */
export function pinball(tau: number, y: number, q: number): number {
  const r = y - q;
  return r >= 0 ? tau * r : (tau - 1) * r;
}

/** Mean pinball loss over paired arrays. */
export function meanPinball(tau: number, ys: ArrayLike<number>, qs: ArrayLike<number>): number {
  if (ys.length !== qs.length) throw new Error("meanPinball: arrays differ in length");
  let s = 0;
  for (let i = 0; i < ys.length; i++) s += pinball(tau, ys[i]!, qs[i]!);
  return ys.length === 0 ? 0 : s / ys.length;
}

/**
 * The tau sample quantile, interpolated between order statistics (R's type 7);
 * it minimises the mean pinball loss up to the interpolation. Sorts `values`.
 */
export function sampleQuantile(values: Float64Array, tau: number): number {
  const n = values.length;
  if (n === 0) throw new Error("sampleQuantile: no values");
  values.sort();
  const h = (n - 1) * tau;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return values[lo]! + (h - lo) * (values[hi]! - values[lo]!);
}

/** Checks a quantile level. */
export function checkTau(tau: number, what: string): void {
  if (!(tau > 0 && tau < 1)) throw new Error(`${what}: quantile ${tau} is not in (0, 1)`);
}
