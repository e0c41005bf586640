import type { Action, PoolView } from "../types.js";

/**
 * Provisions what a warm pool lacks: room for `count` more instances' worth
 * of requests, beyond the work waiting and the `arriving` requests being
 * decided now. Free slots and slots still booting count as room; each
 * waiting request takes one of them first.
 */
export function topUpWarmPool(pool: PoolView, type: string, count: number, arriving = 0): Action[] {
  const spareSlots = pool.freeSlots + pool.bootingSlots - pool.queueLength - arriving;
  const missing = Math.ceil((count * pool.concurrency - spareSlots) / pool.concurrency);
  return missing > 0 ? [{ kind: "provision", pool: pool.id, type, count: missing }] : [];
}
