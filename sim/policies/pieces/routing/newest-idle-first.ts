import type { Candidate } from "./candidate.js";

/**
 * Packs onto a busy instance with room first, then the one idle the
 * shortest time, so that the others stay idle long enough to expire
 * (how FaaS platforms route within a function); -1 if none is free.
 */
export function newestIdleFirst(list: readonly Candidate[]): number {
  let best = -1;
  let bestSince = -Infinity;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c.freeSlots === 0) continue;
    if (c.state === "busy") return i;
    const since = c.idleSinceS ?? -Infinity;
    if (best === -1 || since >= bestSince) {
      best = i;
      bestSince = since;
    }
  }
  return best;
}
