/**
 * Complexity classes as the code analyzer names them (sim/analysis/big-o.ts:
 * O(1), O(n), O(n^k), O(n log n), O(2^n); and O(log n), which its loops
 * cannot tell but a program's documentation can), and how each grows: what
 * a request's demand is multiplied by when its n is not the reference's.
 */
export type ComplexityClass =
  | { readonly kind: "constant" }
  | { readonly kind: "log" }
  | { readonly kind: "linearithmic" }
  | { readonly kind: "power"; readonly k: number }
  | { readonly kind: "exponential" };

const POWER = /^O\(n(?:\^([1-9][0-9]*))?\)$/;

/** The class a name stands for, or null for a name outside the list. */
export function parseComplexity(name: string): ComplexityClass | null {
  const s = name.replace(/\s+/g, " ").trim();
  if (s === "O(1)") return { kind: "constant" };
  if (s === "O(log n)") return { kind: "log" };
  if (s === "O(n log n)") return { kind: "linearithmic" };
  if (s === "O(2^n)") return { kind: "exponential" };
  const m = POWER.exec(s);
  return m ? { kind: "power", k: m[1] === undefined ? 1 : Number(m[1]) } : null;
}

export const COMPLEXITY_NAMES = "O(1), O(log n), O(n), O(n log n), O(n^k), O(2^n)";

/** log2, kept at 1 or more so small n do not make the log class vanish or turn negative. */
const lg = (n: number) => Math.max(1, Math.log2(n));

/**
 * Work at size `n` relative to work at `referenceN`: exactly 1 at the
 * reference, whatever the class, so a request of the reference size has the
 * documented demand.
 */
export function growth(c: ComplexityClass, n: number, referenceN: number): number {
  if (n === referenceN) return 1;
  switch (c.kind) {
    case "constant":
      return 1;
    case "log":
      return lg(n) / lg(referenceN);
    case "linearithmic":
      return ((n / referenceN) * lg(n)) / lg(referenceN);
    case "power":
      return Math.pow(n / referenceN, c.k);
    case "exponential":
      return Math.pow(2, n - referenceN);
  }
}
