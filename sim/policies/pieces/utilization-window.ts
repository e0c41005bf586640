import type { PoolView } from "../types.js";

/** A pool's slot-second counters at one moment, kept in policy state to close a window later. */
export interface UtilizationMark {
  readonly busySlotSeconds: number;
  readonly readySlotSeconds: number;
}

export function markOf(pool: PoolView): UtilizationMark {
  return { busySlotSeconds: pool.busySlotSeconds, readySlotSeconds: pool.readySlotSeconds };
}

/**
 * Busy share of ready slots, time-averaged from `mark` (or the pool's start)
 * to now; with no ready slot-time in the window, 1 if slots are busy now.
 */
export function utilizationSince(mark: UtilizationMark | undefined, pool: PoolView): number {
  const busy = pool.busySlotSeconds - (mark?.busySlotSeconds ?? 0);
  const ready = pool.readySlotSeconds - (mark?.readySlotSeconds ?? 0);
  if (ready > 0) return busy / ready;
  return pool.busySlots > 0 ? 1 : 0;
}
