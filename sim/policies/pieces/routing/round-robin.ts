import type { Candidate } from "./candidate.js";

/**
 * The first instance with a free slot at or after `cursor`, wrapping
 * around; -1 if none. The caller moves its cursor past the one chosen.
 */
export function roundRobin(list: readonly Candidate[], cursor: number): number {
  const n = list.length;
  for (let k = 0; k < n; k++) {
    const i = (cursor + k) % n;
    if (list[i]!.freeSlots > 0) return i;
  }
  return -1;
}
