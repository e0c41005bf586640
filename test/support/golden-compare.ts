/**
 * Compares a run's summary JSON with its golden file. Counts must be equal
 * exactly; other numbers within 1e-9 relative (plus 1e-12 absolute, for
 * figures that are zero in the golden), which floating-point noise between
 * machines and Node versions stays far below while any change a reader could
 * see goes far beyond. The shape must be the same: every key of either side
 * is compared, a key missing or extra is a difference, and null, arrays,
 * objects, strings and numbers never stand in for one another.
 */

/** Fields that count things: equal exactly, also as means over replications. */
export const COUNT_FIELDS: ReadonlySet<string> = new Set([
  "seed",
  "replications",
  "requests",
  "completed",
  "failed",
  "failedOutOfMemory",
  "retriedOutOfMemory",
  "failedTimeout",
  "rejected",
  "inFlightAtEnd",
  "coldStarts",
  "notices",
  "noticesLate",
  "maxInstances",
]);

export const RELATIVE_TOLERANCE = 1e-9;
export const ABSOLUTE_TOLERANCE = 1e-12;

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function show(v: unknown): string {
  return v === undefined ? "(missing)" : JSON.stringify(v);
}

/** Every difference, one line each naming its path; empty when they match. */
export function goldenDiffs(actual: unknown, expected: unknown, path: string): string[] {
  return diffs(actual, expected, path, "");
}

function diffs(actual: unknown, expected: unknown, path: string, key: string): string[] {
  const [ka, ke] = [kind(actual), kind(expected)];
  if (ka !== ke) return [`${path}: ${show(actual)} != ${show(expected)}`];
  if (ke === "number") {
    const a = actual as number;
    const e = expected as number;
    const ok = COUNT_FIELDS.has(key)
      ? a === e
      : Math.abs(a - e) <= RELATIVE_TOLERANCE * Math.abs(e) + ABSOLUTE_TOLERANCE;
    return ok ? [] : [`${path}: ${a} != ${e}`];
  }
  if (ke === "array") {
    const [a, e] = [actual as unknown[], expected as unknown[]];
    const n = Math.max(a.length, e.length);
    return Array.from({ length: n }, (_, i) => diffs(a[i], e[i], `${path}[${i}]`, "")).flat();
  }
  if (ke === "object") {
    const [a, e] = [actual as Record<string, unknown>, expected as Record<string, unknown>];
    const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])];
    return keys.flatMap((k) => diffs(a[k], e[k], `${path}.${k}`, k));
  }
  return actual === expected ? [] : [`${path}: ${show(actual)} != ${show(expected)}`];
}
