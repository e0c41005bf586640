/** Numbers as the terminal tables show them: counts, shares, times. */

export function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function pct(x: number, decimals = 1): string {
  return `${(100 * x).toFixed(decimals)}%`;
}

/** A share as a planner writes a target: "99%", "99.9%". */
export function share(x: number): string {
  return `${Number((100 * x).toPrecision(6))}%`;
}

/**
 * Whole numbers for `parts` that add up to the rounded `total` (largest
 * remainder first), so a table of means over replications still adds up.
 */
export function wholeParts(total: number, parts: readonly number[]): number[] {
  const out = parts.map((x) => Math.floor(x));
  let left = Math.round(total) - out.reduce((a, b) => a + b, 0);
  const byRemainder = parts
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    out[i]!++;
    left--;
  }
  return out;
}

/** A short time: milliseconds, seconds or minutes, whichever reads best. */
export function secs(s: number): string {
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  if (s >= 1) return `${s.toFixed(2)} s`;
  return `${(s * 1000).toFixed(0)} ms`;
}

/** A span: hours, minutes or seconds. */
export function fmtDuration(s: number): string {
  return s >= 3600
    ? `${(s / 3600).toFixed(1)} h`
    : s >= 60
      ? `${(s / 60).toFixed(0)} min`
      : `${s} s`;
}

/** Decimals for US dollars: cents from $1 up, hundredths of a cent below (small runs cost cents). */
export function usdDecimals(x: number): number {
  return Math.abs(x) >= 1 ? 2 : 4;
}

/** US dollars, and the ± half-width of an interval at the same decimals. */
export function usd(x: number, half?: number): string {
  const d = usdDecimals(x);
  return `$${x.toFixed(d)}${half === undefined ? "" : ` ±${half.toFixed(d)}`}`;
}
