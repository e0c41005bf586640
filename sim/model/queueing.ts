/**
 * Requests waiting for a slot: a pool's bounded FIFO line with a timeout per
 * request, and the hand-over of waiting work to an instance that frees up.
 */
import { PRIORITY_URGENT } from "../engine/scheduler.js";
import type { Allocation } from "../policies/types.js";
import { canTake } from "./allocation.js";
import type { ClusterState } from "./cluster-state.js";
import { countEnd, endUnrunTask, startOn } from "./execution-runs.js";
import type { Instance } from "./instance.js";
import type { Pool, Queued } from "./pool.js";
import type { WorkRequest } from "./request.js";

/** Puts a request in a pool's line, or rejects it when the line is full. */
export function enqueue(
  m: ClusterState,
  request: WorkRequest,
  pool: Pool,
  doneFrac: number,
  startS: number,
  cold: boolean,
  alloc: Allocation | null = null,
): void {
  if (pool.queueLength >= m.opts.queueCapacity) {
    if (request.task) endUnrunTask(m, request.task, "rejected");
    else countEnd(m, request, "rejected", NaN, undefined, false);
    return;
  }
  pool.enqueue(waitingEntry(m, request, pool, doneFrac, startS, cold, alloc));
}

/** A request about to wait, with its queue timeout scheduled. */
export function waitingEntry(
  m: ClusterState,
  request: WorkRequest,
  pool: Pool,
  doneFrac: number,
  startS: number,
  cold: boolean,
  alloc: Allocation | null = null,
): Queued {
  const q: Queued = {
    request,
    pool,
    doneFrac,
    startS,
    cold,
    alloc,
    heldBy: null,
    timeoutHandle: -1,
    waiting: true,
  };
  if (m.opts.queueTimeoutS < Infinity) {
    q.timeoutHandle = m.scheduler.after(
      m.opts.queueTimeoutS,
      m.on.queueTimeout,
      q,
      PRIORITY_URGENT,
    );
  }
  return q;
}

export function timeOut(m: ClusterState, q: Queued): void {
  if (!q.waiting) return;
  q.pool.withdraw(q);
  if (q.request.task) endUnrunTask(m, q.request.task, "failed-timeout");
  else countEnd(m, q.request, "failed-timeout", NaN, undefined, false);
}

/** Gives a freed or new instance the waiting work it can take. */
export function pullWork(m: ClusterState, inst: Instance): void {
  const pool = inst.pool;
  while (inst.freeSlots > 0 && pool.lineLength > 0) {
    let q: Queued | undefined;
    if ((pool.packing || inst.allocatedRuns > 0) && !canTake(inst, pool.peek()!.alloc)) {
      // A head that does not fit here waits for room; one behind it that fits may start (backfill).
      q = pool.takeFitting((w) => canTake(inst, w.alloc));
      if (!q) return;
    } else q = pool.dequeue()!;
    if (q.timeoutHandle >= 0) m.scheduler.cancel(q.timeoutHandle);
    startOn(m, q.request, inst, q.doneFrac, q.startS, q.cold, q.alloc);
  }
}
