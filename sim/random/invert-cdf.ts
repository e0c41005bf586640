/**
 * The q-quantile of a continuous distribution on [lower, infinity) from its
 * CDF alone, for families without a closed-form inverse: the upper bracket
 * doubles until it holds q, then bisection to the last representable digit.
 */
export function invertCdf(
  cdf: (x: number) => number,
  q: number,
  lower: number,
  guess: number,
): number {
  let lo = lower;
  let hi = Math.max(guess, lower + 1e-9);
  for (let i = 0; i < 2000 && cdf(hi) < q; i++) {
    lo = hi;
    hi = lower + 2 * (hi - lower);
  }
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
