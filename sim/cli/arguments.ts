/** Checked values of command-line options: a bad one is a UsageError, one line, exit code 2. */
import { UsageError } from "../run/usage-error.js";

const text = (v: unknown) => (typeof v === "string" ? `"${v}"` : String(v));

/** A seed: a whole number >= 0, as written (`abc`, `1.5` and `-1` are not). */
export function parseSeed(v: unknown): number {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0)
    throw new UsageError(`--seed ${text(v)}: a seed is a whole number >= 0`);
  return n;
}

/** A count above zero, as written or in exponent form (`1e10`). */
export function parseCount(flag: string, v: unknown): number {
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" ? Number(v) : NaN;
  if (!(Number.isFinite(n) && n > 0)) throw new UsageError(`${flag} ${text(v)}: a number above 0`);
  return n;
}
