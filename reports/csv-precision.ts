/**
 * How many decimals a CSV number keeps, by its unit. Sums and means of
 * doubles carry noise in their last bits (1.5359999999999998 for 1.536);
 * a spreadsheet shows it and a diff of two runs trips on it, so every
 * number a CSV report writes is rounded here first. The precisions are
 * finer than anything the model resolves: traces record microseconds,
 * the smallest bill item (a FaaS request fee) is fractions of a
 * micro-dollar only per request, never in a total. summary.json keeps
 * full precision.
 */
import type { CsvValue } from "./csv.js";

export type NumericUnit = "seconds" | "usd" | "usd-per-hour" | "ratio" | "count";
/** Written as they are: text, true/false, and identifiers (whole numbers that are names, not amounts). */
export type Unit = NumericUnit | "text" | "flag" | "id";

/** Decimals kept per unit. Whole numbers print without a fraction. */
export const CSV_DECIMALS: Readonly<Record<NumericUnit, number>> = {
  /** 1 µs, the resolution of trace timestamps. */
  seconds: 6,
  /** a millionth of a dollar. */
  usd: 6,
  "usd-per-hour": 6,
  /** shares in 0..1: 0.0001 percentage points, so 99.9999% stays below 1. */
  ratio: 6,
  /** counts are whole in one run; a mean over replications keeps 3 decimals. */
  count: 3,
};

/** What a unit is called in the legend. */
export const UNIT_NAMES: Readonly<Record<Unit, string>> = {
  seconds: "seconds",
  usd: "US dollars",
  "usd-per-hour": "US dollars per hour",
  ratio: "share, 0 to 1",
  count: "count",
  text: "text",
  flag: "true or false",
  id: "identifier",
};

const SCALE = Object.fromEntries(
  Object.entries(CSV_DECIMALS).map(([u, d]) => [u, 10 ** d]),
) as Record<NumericUnit, number>;

/**
 * x rounded to its unit's decimals. k / 10^d is the double nearest that
 * decimal, so its shortest text is the decimal itself.
 */
export function atPrecision(x: number, unit: NumericUnit): number {
  if (!Number.isFinite(x)) return x;
  const scale = SCALE[unit];
  const rounded = Math.round(x * scale) / scale;
  return rounded === 0 ? 0 : rounded; // no "-0"
}

/** A CSV value as a report writes it: numbers of a numeric unit rounded, the rest as they are. */
export function csvValue(v: CsvValue, unit: Unit): CsvValue {
  return typeof v === "number" && unit in CSV_DECIMALS ? atPrecision(v, unit as NumericUnit) : v;
}

/** The precisions in words, for the legend. */
export function precisionText(): string {
  const d = CSV_DECIMALS;
  return (
    `seconds to ${d.seconds} decimals (1 µs), US dollars to ${d.usd}, shares to ${d.ratio}, ` +
    `counts to ${d.count} (a mean over replications; whole numbers print whole)`
  );
}
