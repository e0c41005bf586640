/**
 * Figures and their changes as text, by unit. A comparison is about small
 * differences, so amounts keep three significant digits where the run's
 * table rounds to cents or whole percents; a change of a share is in
 * percentage points, so it is not mistaken for a relative change.
 */
import type { NumericUnit } from "../csv-precision.js";
import type { Estimate } from "./judge.js";

/** |x| with three significant digits, never in exponent notation. */
function significant(x: number, atLeastDecimals = 0): string {
  const a = Math.abs(x);
  if (a === 0) return (0).toFixed(atLeastDecimals);
  const decimals = Math.min(9, Math.max(atLeastDecimals, 2 - Math.floor(Math.log10(a))));
  return a.toFixed(decimals);
}

function magnitude(x: number, unit: NumericUnit): string {
  const a = Math.abs(x);
  switch (unit) {
    case "usd":
      return `$${significant(a, 2)}`;
    case "usd-per-hour":
      return `$${significant(a, 2)}/h`;
    case "ratio":
      return `${significant(100 * a, 2)}%`;
    case "seconds":
      if (a === 0) return "0 s";
      if (a < 1) return `${significant(1000 * a)} ms`;
      if (a < 60) return `${significant(a)} s`;
      return `${significant(a / 60)} min`;
    case "count":
      // Means over replications are fractional; small ones keep their digits.
      return Number.isInteger(a) || a >= 100
        ? a.toLocaleString("en-US", { maximumFractionDigits: 1 })
        : significant(a);
  }
}

/** A figure: `$0.576`, `36.10%`, `1.14 s`, `36,049.8`. */
export function figureText(x: number, unit: NumericUnit): string {
  return `${x < 0 ? "-" : ""}${magnitude(x, unit)}`;
}

/** A figure and, when it has one, its interval: `$0.576 ±0.0232`. */
export function estimateText(e: Estimate, unit: NumericUnit): string {
  return e.ci95 === undefined
    ? figureText(e.value, unit)
    : `${figureText(e.value, unit)} ±${magnitude(e.ci95, unit).replace(/^\$/, "")}`;
}

/** A change from A to B, signed; shares in percentage points. */
export function deltaText(delta: number, unit: NumericUnit): string {
  const sign = delta > 0 ? "+" : delta < 0 ? "-" : "";
  const text = unit === "ratio" ? `${significant(100 * delta, 2)} pp` : magnitude(delta, unit);
  return `${sign}${text}`;
}

/** A relative change, signed, or empty when A was 0. */
export function relativeText(relative: number | undefined): string {
  if (relative === undefined) return "";
  const sign = relative > 0 ? "+" : relative < 0 ? "-" : "";
  return `${sign}${significant(100 * relative, 1)}%`;
}
