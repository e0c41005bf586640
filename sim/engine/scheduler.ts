/**
 * The event kernel: a clock and a 4-ary heap of pending events ordered by
 * (time, priority, insertion sequence), so simultaneous events run in a total,
 * reproducible order.
 *
 * The heap lives in typed arrays (time, order key, slot) and the callbacks in
 * per-slot arrays, so scheduling an event allocates nothing once the arrays
 * have grown. A handle packs slot and generation; a stale handle (its event
 * already ran or was cancelled) is recognised and ignored. Cancellation is
 * lazy: the entry stays in the heap, marked, and is dropped when it surfaces
 * or when cancelled entries outnumber live ones.
 */

export type EventFn<T> = (arg: T) => void;

/** An event callback that takes a second argument, for callers that must pass two values. */
export type EventFn2<A, B> = (arg: A, arg2: B) => void;

/** Packed (generation, slot) number naming one scheduled event. */
export type EventHandle = number;

/** Lower values run first among events at the same time. */
export const PRIORITY_URGENT = -1;
export const PRIORITY_NORMAL = 0;
export const PRIORITY_LATE = 1;
const MIN_PRIORITY = -1024;
const MAX_PRIORITY = 1023;

const SLOT_BITS = 26;
const SLOT_LIMIT = 2 ** SLOT_BITS;
const SLOT_MASK = SLOT_LIMIT - 1;
const GEN_MASK = SLOT_LIMIT - 1;
// key = (priority - MIN_PRIORITY) * SEQ_LIMIT + seq stays an exact integer below 2^53.
const SEQ_LIMIT = 2 ** 42;

/** What a slot holds: any event callback, its argument types erased. */
type SlotFn = (arg: never, arg2: never) => void;

// Marks a cancelled slot. Never called.
const CANCELLED: EventFn<unknown> = () => {
  throw new Error("cancelled event delivered");
};

export type StopReason = "drained" | "until" | "maxEvents" | "stopped";

export interface RunResult {
  /** Events delivered by this call. */
  readonly events: number;
  readonly reason: StopReason;
}

export class SchedulerError extends Error {
  override name = "SchedulerError";
}

export class Scheduler {
  private clock = 0;
  private size = 0;
  private cancelledInHeap = 0;
  private seq = 0;
  private running = false;
  private stopRequested = false;

  private capacity: number;
  private heapTime: Float64Array;
  private heapKey: Float64Array;
  private heapSlot: Int32Array;
  private slotGen: Int32Array;
  private freeSlots: Int32Array;
  private freeTop: number;
  private slotFn: (SlotFn | undefined)[];
  private slotArg: unknown[];
  private slotArg2: unknown[];

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, Math.min(initialCapacity, SLOT_LIMIT));
    this.capacity = cap;
    this.heapTime = new Float64Array(cap);
    this.heapKey = new Float64Array(cap);
    this.heapSlot = new Int32Array(cap);
    this.slotGen = new Int32Array(cap);
    this.freeSlots = new Int32Array(cap);
    for (let i = 0; i < cap; i++) this.freeSlots[i] = cap - 1 - i;
    this.freeTop = cap;
    this.slotFn = new Array<SlotFn | undefined>(cap).fill(undefined);
    this.slotArg = new Array<unknown>(cap).fill(undefined);
    this.slotArg2 = new Array<unknown>(cap).fill(undefined);
  }

  /** Current simulated time in seconds. */
  get now(): number {
    return this.clock;
  }

  /** Events scheduled and neither delivered nor cancelled. */
  get pending(): number {
    return this.size - this.cancelledInHeap;
  }

  /** True while an event callback is running. */
  get isRunning(): boolean {
    return this.running;
  }

  /** Schedules `fn(arg)` after `delay` seconds. */
  after<T>(delay: number, fn: EventFn<T>, arg: T, priority = PRIORITY_NORMAL): EventHandle {
    if (!(delay >= 0) || delay === Infinity) {
      throw new SchedulerError(`delay must be a finite number >= 0, got ${String(delay)}`);
    }
    return this.push(this.clock + delay, fn, arg, priority);
  }

  /** Schedules `fn(arg)` at absolute time `time`, which must not be in the past. */
  at<T>(time: number, fn: EventFn<T>, arg: T, priority = PRIORITY_NORMAL): EventHandle {
    this.checkTime(time);
    return this.push(time, fn, arg, priority);
  }

  /**
   * Schedules `fn(arg)` at `time` with no handle to cancel it by: the
   * fire-and-forget form, which spares the caller boxing a handle.
   */
  post<T>(time: number, fn: EventFn<T>, arg: T): void {
    this.checkTime(time);
    this.insert(time, fn, arg, PRIORITY_NORMAL, this.reserve());
  }

  /**
   * Takes the sequence number an event scheduled now would get, for one
   * scheduled later with `atReserved`: among events of its time and
   * priority it then runs where it would have had it been scheduled now.
   */
  reserve(): number {
    if (this.seq === SEQ_LIMIT) throw new SchedulerError(`more than ${SEQ_LIMIT} events scheduled`);
    return this.seq++;
  }

  /** `at`, ordered by a sequence number taken earlier with `reserve`. */
  atReserved<T>(
    time: number,
    fn: EventFn<T>,
    arg: T,
    priority: number,
    reserved: number,
  ): EventHandle {
    this.checkTime(time);
    if (!(reserved >= 0 && reserved < this.seq) || reserved !== Math.floor(reserved))
      throw new SchedulerError(`sequence ${reserved} was never reserved`);
    return this.push(time, fn, arg, priority, reserved);
  }

  /** True while the event of `handle` is scheduled: neither delivered nor cancelled. */
  isPending(handle: EventHandle): boolean {
    return this.liveSlot(handle) >= 0;
  }

  /** Cancels a pending event; returns false when it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    const slot = this.liveSlot(handle);
    if (slot < 0) return false;
    this.slotFn[slot] = CANCELLED;
    this.slotArg[slot] = undefined;
    this.slotArg2[slot] = undefined;
    this.cancelledInHeap++;
    if (this.cancelledInHeap > 1024 && this.cancelledInHeap * 2 > this.size) this.compact();
    return true;
  }

  /**
   * Changes what a pending event will call, keeping its place in the order;
   * false when it already ran or was cancelled.
   */
  retarget<A, B>(handle: EventHandle, fn: EventFn2<A, B>, arg: A, arg2: B): boolean {
    const slot = this.liveSlot(handle);
    if (slot < 0) return false;
    this.slotFn[slot] = fn as SlotFn;
    this.slotArg[slot] = arg;
    this.slotArg2[slot] = arg2;
    return true;
  }

  private liveSlot(handle: EventHandle): number {
    const slot = handle & SLOT_MASK;
    const gen = Math.floor(handle / SLOT_LIMIT);
    if (slot >= this.capacity || this.slotGen[slot] !== gen) return -1;
    const fn = this.slotFn[slot];
    return fn === undefined || fn === CANCELLED ? -1 : slot;
  }

  /** Time of the next live event, or Infinity when none is pending. */
  peekTime(): number {
    this.dropCancelledTop();
    return this.size > 0 ? this.heapTime[0]! : Infinity;
  }

  /** Delivers the next live event; false when none is pending. */
  step(): boolean {
    return this.run(Infinity, 1).events === 1;
  }

  /** Asks a running `run` to return after the current event. */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Delivers events in order while their time is <= `until`, at most
   * `maxEvents` of them. When it stops because the next event lies beyond
   * `until` (or none is left), the clock is set to `until`, so a later call
   * resumes from there.
   */
  run(until = Infinity, maxEvents = Infinity): RunResult {
    if (this.running) throw new SchedulerError("run() called from inside an event callback");
    if (Number.isNaN(until) || until < this.clock) {
      throw new SchedulerError(`run until ${String(until)} is before now (${this.clock})`);
    }
    this.running = true;
    this.stopRequested = false;
    let events = 0;
    let reason: StopReason = "drained";
    try {
      while (this.size > 0) {
        const t = this.heapTime[0]!;
        if (t > until) {
          reason = "until";
          break;
        }
        if (events >= maxEvents) {
          reason = "maxEvents";
          break;
        }
        const slot = this.heapSlot[0]!;
        const fn = this.slotFn[slot] as unknown as EventFn2<unknown, unknown>;
        const arg = this.slotArg[slot];
        const arg2 = this.slotArg2[slot];
        this.popRoot();
        if (fn === CANCELLED) this.cancelledInHeap--;
        this.slotFn[slot] = undefined;
        this.slotArg[slot] = undefined;
        if (arg2 !== undefined) this.slotArg2[slot] = undefined;
        this.freeSlots[this.freeTop++] = slot;
        if (fn === CANCELLED) continue;
        this.clock = t;
        events++;
        fn(arg, arg2);
        if (this.stopRequested) {
          reason = "stopped";
          break;
        }
      }
    } finally {
      this.running = false;
    }
    if ((reason === "drained" || reason === "until") && until !== Infinity) this.clock = until;
    return { events, reason };
  }

  /** An absolute event time must be finite and not in the past. */
  private checkTime(time: number): void {
    if (!(time >= this.clock) || time === Infinity) {
      throw new SchedulerError(
        `event time must be finite and >= now (${this.clock}), got ${String(time)}`,
      );
    }
  }

  private push(
    time: number,
    fn: SlotFn,
    arg: unknown,
    priority: number,
    seq?: number,
  ): EventHandle {
    if (priority !== (priority | 0) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
      throw new SchedulerError(
        `priority must be an integer in [${MIN_PRIORITY}, ${MAX_PRIORITY}], got ${priority}`,
      );
    }
    const slot = this.insert(time, fn, arg, priority, seq ?? this.reserve());
    return this.slotGen[slot]! * SLOT_LIMIT + slot;
  }

  /** Puts an event in the heap; returns its slot. */
  private insert(time: number, fn: SlotFn, arg: unknown, priority: number, seq: number): number {
    if (this.freeTop === 0) this.grow();
    const slot = this.freeSlots[--this.freeTop]!;
    // A new generation per use, so handles of earlier uses of the slot go stale.
    this.slotGen[slot] = (this.slotGen[slot]! + 1) & GEN_MASK;
    this.slotFn[slot] = fn;
    this.slotArg[slot] = arg;
    const key = (priority - MIN_PRIORITY) * SEQ_LIMIT + seq;
    this.siftUp(this.size++, time, key, slot);
    return slot;
  }

  // 4-ary: half the depth of a binary heap, and a node's four children share
  // one cache line of `heapTime`, which is where large event sets miss.
  private siftUp(pos: number, time: number, key: number, slot: number): void {
    const times = this.heapTime;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    while (pos > 0) {
      const parent = (pos - 1) >> 2;
      const pt = times[parent]!;
      if (pt < time || (pt === time && keys[parent]! < key)) break;
      times[pos] = pt;
      keys[pos] = keys[parent]!;
      slots[pos] = slots[parent]!;
      pos = parent;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
  }

  private popRoot(): void {
    const last = --this.size;
    if (last === 0) return;
    const times = this.heapTime;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    const time = times[last]!;
    const key = keys[last]!;
    const slot = slots[last]!;
    let pos = 0;
    for (;;) {
      const first = 4 * pos + 1;
      if (first >= last) break;
      let child = first;
      let ct = times[first]!;
      const end = first + 4 < last ? first + 4 : last;
      for (let c = first + 1; c < end; c++) {
        const t = times[c]!;
        if (t < ct || (t === ct && keys[c]! < keys[child]!)) {
          child = c;
          ct = t;
        }
      }
      if (time < ct || (time === ct && key < keys[child]!)) break;
      times[pos] = ct;
      keys[pos] = keys[child]!;
      slots[pos] = slots[child]!;
      pos = child;
    }
    times[pos] = time;
    keys[pos] = key;
    slots[pos] = slot;
  }

  private dropCancelledTop(): void {
    while (this.size > 0 && this.slotFn[this.heapSlot[0]!] === CANCELLED) {
      const slot = this.heapSlot[0]!;
      this.popRoot();
      this.cancelledInHeap--;
      this.slotFn[slot] = undefined;
      this.freeSlots[this.freeTop++] = slot;
    }
  }

  /** Drops every cancelled entry and rebuilds the heap in place. */
  private compact(): void {
    const times = this.heapTime;
    const keys = this.heapKey;
    const slots = this.heapSlot;
    let kept = 0;
    for (let i = 0; i < this.size; i++) {
      const slot = slots[i]!;
      if (this.slotFn[slot] === CANCELLED) {
        this.slotFn[slot] = undefined;
        this.freeSlots[this.freeTop++] = slot;
        continue;
      }
      times[kept] = times[i]!;
      keys[kept] = keys[i]!;
      slots[kept] = slot;
      kept++;
    }
    this.size = 0;
    this.cancelledInHeap = 0;
    for (let i = 0; i < kept; i++) this.siftUp(this.size++, times[i]!, keys[i]!, slots[i]!);
  }

  private grow(): void {
    const old = this.capacity;
    if (old >= SLOT_LIMIT) {
      throw new SchedulerError(`more than ${SLOT_LIMIT} pending events`);
    }
    const cap = Math.min(old * 2, SLOT_LIMIT);
    this.heapTime = resizeF64(this.heapTime, cap);
    this.heapKey = resizeF64(this.heapKey, cap);
    this.heapSlot = resizeI32(this.heapSlot, cap);
    this.slotGen = resizeI32(this.slotGen, cap);
    this.freeSlots = resizeI32(this.freeSlots, cap);
    for (let i = old; i < cap; i++) {
      this.slotFn.push(undefined);
      this.slotArg.push(undefined);
      this.slotArg2.push(undefined);
    }
    // Every old slot is in use (the free list was empty), so only new ones are free.
    for (let i = cap - 1; i >= old; i--) this.freeSlots[this.freeTop++] = i;
    this.capacity = cap;
  }
}

function resizeF64(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}

function resizeI32(a: Int32Array, cap: number): Int32Array {
  const b = new Int32Array(cap);
  b.set(a);
  return b;
}
