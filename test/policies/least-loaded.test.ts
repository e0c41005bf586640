/**
 * least-loaded stops at the first empty instance: the same choice as a
 * full scan for the least busy share, the first of equals.
 */
import { describe, expect, test } from "vitest";
import type { Candidate } from "../../sim/policies/pieces/routing/candidate.js";
import { leastLoaded } from "../../sim/policies/pieces/routing/least-loaded.js";
import { RandomStreams } from "../../sim/random/streams.js";

/** The definition: among instances with a free slot, the least busy share; the first of equals. */
function byDefinition(list: readonly Candidate[]): number {
  const free = list.map((c, i) => [c, i] as const).filter(([c]) => c.freeSlots > 0);
  if (free.length === 0) return -1;
  const least = Math.min(...free.map(([c]) => c.busySlots / c.slots));
  return free.find(([c]) => c.busySlots / c.slots === least)![1];
}

describe("leastLoaded", () => {
  test("agrees with the definition on random fleets, empty instances included", () => {
    const rnd = new RandomStreams(11).stream("test/least-loaded");
    let early = 0;
    for (let round = 0; round < 2000; round++) {
      const list: Candidate[] = Array.from({ length: 1 + Math.floor(rnd() * 12) }, () => {
        const slots = 1 + Math.floor(rnd() * 4);
        const busySlots = Math.floor(rnd() * (slots + 1));
        const state = rnd() < 0.1 ? "booting" : busySlots > 0 ? "busy" : "idle";
        const freeSlots = state === "booting" ? 0 : slots - busySlots;
        return { state, slots, busySlots, freeSlots, idleSinceS: null };
      });
      const i = leastLoaded(list);
      expect(i).toBe(byDefinition(list));
      if (i >= 0 && list[i]!.busySlots === 0 && i < list.length - 1) early++;
    }
    // The early stop is taken often enough for the check to cover it.
    expect(early).toBeGreaterThan(100);
  });
});
