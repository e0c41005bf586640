/** Numbers as the terminal tables show them: counts, shares, times. */

export function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
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
