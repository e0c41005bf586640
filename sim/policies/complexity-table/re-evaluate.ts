/**
 * Runtime re-evaluation (seed 000): from a usage sample, whether a request
 * has outgrown its profile. Memory near the limit and still rising between
 * samples is the sign of deep recursion or unexpected data growth (the
 * model reports memory, not stack depth: a deep recursion shows as its
 * stack's memory); running past the profile's expected time means more
 * work than its score promised.
 */
import type { UsageSample } from "../types.js";

export type Outgrown = "memory" | "time" | null;

export function outgrown(
  sample: UsageSample,
  previousMemMiB: number | undefined,
  memoryNear: number,
  expectedS: number | undefined,
): Outgrown {
  const rising = previousMemMiB !== undefined && sample.memMiB > previousMemMiB;
  if (rising && sample.memMiB >= memoryNear * sample.memLimitMiB) return "memory";
  if (expectedS !== undefined && sample.elapsedS > expectedS) return "time";
  return null;
}
