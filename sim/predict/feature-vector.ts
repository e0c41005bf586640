/**
 * Request features as a fixed numeric vector for the regressors: the chosen
 * numeric code features, the Big-O class as its growth exponent, and the
 * input size. A missing feature is NaN-free: it becomes -1, a value no real
 * feature takes, so trees can split it off.
 */
import type { CodeFeatures } from "../policies/types.js";

export const MISSING = -1;

/** Growth exponent of an `O(...)` class: O(1) 0, O(log n) 0.5, O(n) 1, O(n log n) 1.5, O(n^k) k, O(2^n) 10. */
export function bigOExponent(bigO: string): number {
  const s = bigO.replace(/\s+/g, "");
  if (s === "O(1)") return 0;
  if (s === "O(logn)") return 0.5;
  if (s === "O(n)") return 1;
  if (s === "O(nlogn)") return 1.5;
  if (s === "O(2^n)") return 10;
  const m = /^O\(n\^(\d+)\)$/.exec(s);
  return m ? Number(m[1]) : MISSING;
}

/** The numeric feature names present in a set of feature records, sorted (bigO included). */
export function numericKeys(records: readonly (CodeFeatures | null)[]): string[] {
  const keys = new Set<string>();
  for (const r of records)
    for (const [k, v] of Object.entries(r ?? {}))
      if (typeof v === "number" || k === "bigO") keys.add(k);
  return [...keys].sort();
}

/** The vector for `keys` (then the input size). */
export function featureVector(
  keys: readonly string[],
  features: CodeFeatures | null,
  inputBytes: number,
): number[] {
  const out = keys.map((k) => {
    const v = features?.[k];
    if (k === "bigO" && typeof v === "string") return bigOExponent(v);
    return typeof v === "number" && Number.isFinite(v) ? v : MISSING;
  });
  out.push(Number.isFinite(inputBytes) && inputBytes >= 0 ? inputBytes : MISSING);
  return out;
}
