import type { Candidate } from "./candidate.js";

/** The instance with a free slot whose slots are least busy (the first of equals); -1 if none. */
export function leastLoaded(list: readonly Candidate[]): number {
  let best = -1;
  let bestLoad = Infinity;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.freeSlots === 0) continue;
    // Nothing beats an empty instance, and the first of equals wins: stop there.
    if (c.busySlots === 0) return i;
    const load = c.busySlots / c.slots;
    if (load < bestLoad) {
      best = i;
      bestLoad = load;
    }
  }
  return best;
}
