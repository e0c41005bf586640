import type { Candidate } from "../policies/pieces/routing/candidate.js";
import { chooseInstance } from "../policies/pieces/routing/choose.js";
import type { Allocation, Routing } from "../policies/types.js";
import type { Instance } from "./instance.js";
import { FifoLine } from "./fifo-line.js";
import { IdleOrder } from "./idle-order.js";
import { PriorityLines } from "./priority-lines.js";
import type { WorkRequest } from "./request.js";

/** What a routing rule sees of an instance left out of a pick: no free slot. */
const FULL: Candidate = { state: "busy", slots: 1, busySlots: 1, freeSlots: 0, idleSinceS: null };

export interface Queued {
  readonly request: WorkRequest;
  readonly pool: Pool;
  /** Work already done elsewhere (a migrated request), 0..1. */
  readonly doneFrac: number;
  /** First start, for a migrated request; NaN if it never ran. */
  readonly startS: number;
  /** A migrated request that started cold: it still counts as a cold start. */
  readonly cold: boolean;
  /** The allocation it is to run in; null for a slot's share. */
  readonly alloc: Allocation | null;
  /** The booting instance this request started and waits for, outside the line; else null. */
  heldBy: Instance | null;
  /** Handle of the queue-timeout event, else -1. */
  timeoutHandle: number;
  /** False once taken out (served or timed out). */
  waiting: boolean;
}

/** Waiting requests a freed instance looks through for one that fits, at most: a bound on the scan. */
export const BACKFILL_DEPTH = 64;

/**
 * A group of instances behind one queue and one routing rule. A pool
 * serves any function, or one (FaaS-style pools per function). The queue is
 * FIFO within a priority, higher priorities first; requests without a
 * service class have priority 0. Which instance takes a request is the
 * routing piece's choice (policies/pieces/routing), not the pool's.
 */
export class Pool {
  readonly instances: Instance[] = [];
  booting = 0;
  ready = 0;
  /** Ready instances with nothing to do. */
  idle = 0;
  draining = 0;
  freeSlots = 0;
  bootingSlots = 0;
  /** Some request waited here in an allocation: the line's head must fit where it starts. */
  packing = false;
  /** The policy asked for backfill (PoolSettings.line). */
  backfill = false;
  /** The line of priority 0 (every request when no service classes are given). */
  private readonly queue = new FifoLine();
  /** Lines of the other priorities; null until a request needs one. */
  private ranked: PriorityLines | null = null;
  private waiting = 0;
  /** Requests held for the instance each started (see hold). */
  private held = 0;
  private cursor = 0;
  /** Instances in the order they became idle, for newest-idle-first routing. */
  private readonly idleOrder = new IdleOrder();
  /** Instances with more than one slot: a busy one may then have room. */
  private multiSlot = 0;
  /** Slot-seconds, busy and ready, since the pool was made (up to lastAreaS). */
  private busyArea = 0;
  private readyArea = 0;
  /** Busy and ready slots of ready instances. */
  busySlots = 0;
  private readySlots = 0;
  private lastAreaS = 0;

  constructor(
    readonly id: string,
    public functionId: number,
    public routing: Routing,
    public concurrency: number,
  ) {}

  /** Requests waiting, in the line or held for the instance each started. */
  get queueLength(): number {
    return this.waiting + this.held;
  }

  /** Requests in the FIFO line: timed-out ones stay in the array, flagged, until reached. */
  get lineLength(): number {
    return this.waiting;
  }

  enqueue(q: Queued): void {
    if (q.alloc) this.packing = true;
    const priority = q.request.serviceClass?.priority ?? 0;
    if (priority === 0) this.queue.push(q);
    else (this.ranked ??= new PriorityLines()).push(q, priority);
    this.waiting++;
  }

  /** The request `dequeue` would give, left waiting. */
  peek(): Queued | undefined {
    return this.ranked
      ? (this.ranked.peek(true) ?? this.queue.peekWaiting() ?? this.ranked.peek(false))
      : this.queue.peekWaiting();
  }

  /**
   * Whether a request that fits may start ahead of older ones that do not:
   * a packing pool asked to backfill, whose line has one priority. With
   * priorities the line is served strictly in order, so a lower one never
   * passes a higher.
   */
  get backfills(): boolean {
    return this.backfill && this.packing && this.ranked === null;
  }

  /**
   * The oldest of the first BACKFILL_DEPTH waiting requests that `fits`
   * accepts, taken out of the line; undefined when none does or the pool
   * does not backfill.
   */
  takeFitting(fits: (q: Queued) => boolean): Queued | undefined {
    if (!this.backfills) return undefined;
    const q = this.queue.firstFitting(fits, BACKFILL_DEPTH);
    if (q) {
      q.waiting = false;
      this.waiting--;
    }
    return q;
  }

  /** The oldest waiting request of the highest priority, taken out of the queue. */
  dequeue(): Queued | undefined {
    const q = this.ranked
      ? (this.ranked.take(true) ?? this.queue.takeWaiting() ?? this.ranked.take(false))
      : this.queue.takeWaiting();
    if (q) {
      q.waiting = false;
      this.waiting--;
    }
    return q;
  }

  /**
   * Holds a request for the booting instance started for it: that instance
   * serves it first when ready, and no other slot takes it.
   */
  hold(q: Queued, inst: Instance): void {
    q.heldBy = inst;
    inst.held = q;
    this.held++;
  }

  /** The request held for `inst`, taken out; undefined if none (or it timed out). */
  takeHeld(inst: Instance): Queued | undefined {
    const q = inst.held;
    if (!q) return undefined;
    this.withdraw(q);
    return q;
  }

  /** The request held for an instance that ends before it is ready joins the back of the line. */
  unhold(inst: Instance): boolean {
    const q = this.takeHeld(inst);
    if (!q) return false;
    q.waiting = true;
    this.enqueue(q);
    return true;
  }

  /** Takes a request out wherever it waits (queue timeout, or held for its instance). */
  withdraw(q: Queued): void {
    q.waiting = false;
    if (q.heldBy) {
      q.heldBy.held = null;
      q.heldBy = null;
      this.held--;
    } else {
      this.waiting--;
    }
  }

  /** Tracks busy and ready slots over time; call before changing either. */
  account(nowS: number, busyDelta: number, readyDelta: number): void {
    const dt = nowS - this.lastAreaS;
    this.busyArea += this.busySlots * dt;
    this.readyArea += this.readySlots * dt;
    this.lastAreaS = nowS;
    this.busySlots += busyDelta;
    this.readySlots += readyDelta;
  }

  /** Busy slot-seconds up to `nowS` (a counter a policy windows itself). */
  busySlotSecondsAt(nowS: number): number {
    return this.busyArea + this.busySlots * (nowS - this.lastAreaS);
  }

  /** Ready slot-seconds up to `nowS`. */
  readySlotSecondsAt(nowS: number): number {
    return this.readyArea + this.readySlots * (nowS - this.lastAreaS);
  }

  /** Adds a new instance (the last in pool order). */
  add(inst: Instance): void {
    this.instances.push(inst);
    if (inst.slots > 1) this.multiSlot++;
  }

  /** Takes out an instance that ended. */
  remove(inst: Instance): void {
    this.instances.splice(this.instances.indexOf(inst), 1);
    if (inst.slots > 1) this.multiSlot--;
  }

  /** An instance of this pool became idle at `nowS` (its idleSinceS). */
  idled(inst: Instance, nowS: number): void {
    this.idleOrder.push(inst, nowS, this.instances.length);
  }

  /**
   * A ready instance with a free slot, by the pool's routing rule; with
   * `fits`, one of those it accepts (the rule run over them alone).
   */
  pick(fits?: (inst: Instance) => boolean): Instance | undefined {
    if (this.freeSlots === 0 || this.instances.length === 0) return undefined;
    // One slot each and every free slot on an idle instance: no busy one
    // has room, so newest-idle-first takes the newest idle, known without a scan.
    if (
      !fits &&
      this.routing === "newest-idle-first" &&
      this.multiSlot === 0 &&
      this.freeSlots === this.idle
    ) {
      const newest = this.idleOrder.newest();
      if (newest) return newest;
    }
    const list = fits ? this.instances.map((x) => (fits(x) ? x : FULL)) : this.instances;
    const i = chooseInstance(this.routing, list, this.cursor);
    if (i < 0) return undefined;
    if (this.routing === "round-robin") this.cursor = (i + 1) % this.instances.length;
    return this.instances[i];
  }
}
