/** Student t intervals over independent replications. */

// Two-sided 95% quantiles of Student's t by degrees of freedom 1..30.
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** Half-width of the 95% confidence interval of the mean of `xs` (NaN for fewer than 2). */
export function halfWidth95(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  const t = T975[n - 2] ?? 1.96;
  return (t * Math.sqrt(variance)) / Math.sqrt(n);
}
