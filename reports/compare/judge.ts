/**
 * What a change of one figure means. Two means differ significantly at 95%
 * when their intervals do not overlap (the conservative reading, as the
 * run's verdict uses it); without an interval on both sides nothing can be
 * said about significance, however large the change. Identical figures are
 * equal whatever the intervals: the same seed gives the same numbers.
 */
import { intervalsOverlap, type Estimate } from "../interval.js";
import type { Better } from "./metrics.js";

export { intervalsOverlap, type Estimate };

export type Verdict =
  | "equal"
  | "better"
  | "worse"
  /** Significant, for a metric with no better direction. */
  | "changed"
  /** The intervals overlap. */
  | "not significant"
  /** An interval is missing on one side or both. */
  | "cannot judge";

/** The verdict on going from `a` to `b`. */
export function judge(a: Estimate, b: Estimate, better: Better): Verdict {
  if (a.value === b.value) return "equal";
  const overlap = intervalsOverlap(a, b);
  if (overlap === undefined) return "cannot judge";
  if (overlap) return "not significant";
  if (better === "neither") return "changed";
  return b.value < a.value === (better === "lower") ? "better" : "worse";
}
