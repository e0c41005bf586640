import type { Scheduler } from "../scheduler.js";

/** What a request belongs to: an entity of a simulation. */
export interface RequestOwner {
  readonly sim: { readonly scheduler: Scheduler };
  time(): number;
}

/** An object whose fields receive callbackSource/Message/Data during a callback. */
export interface CallbackContext {
  callbackSource?: unknown;
  callbackMessage?: unknown;
  callbackData?: unknown;
}

// The callback signatures of SimJS are untyped: any `this`, any arguments.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type RequestCallback = (this: any, ...args: any[]) => void;

/** A resource whose queue or wait list holds a request; told when it is cancelled there. */
export interface RequestHolder {
  release(ro: Request): void;
}

/** A resource that wants to know whenever one of its requests ends (Buffer, Store). */
export interface CancelObserver {
  requestEnded(ro: Request): void;
}

function isCancelObserver(x: unknown): x is CancelObserver {
  return typeof x === "object" && x !== null && "requestEnded" in x;
}

function deliverScheduled(ro: Request): void {
  ro.handle = -1;
  ro.deliver();
}

/**
 * A pending operation of an entity (timer, facility use, buffer or store
 * access, wait on an event), with SimJS semantics: `done` adds callbacks,
 * `waitUntil` and `unlessEvent` add reneging clauses that form a group with
 * it; whichever member is delivered first cancels the others.
 */
export class Request {
  entity: RequestOwner;
  scheduledAt: number;
  deliverAt: number;
  cancelled = false;
  /** Set once a resource has started serving the request: it can no longer renege. */
  noRenege = false;
  group: Request[] | null = null;
  source: unknown = undefined;
  msg: unknown = undefined;
  data: unknown = undefined;

  /** Scheduler handle while a delivery is scheduled, else -1. */
  handle = -1;
  /** The resource whose queue or wait list holds this request, if any. */
  holder: RequestHolder | null = null;
  /** Work left or amount asked: service seconds at a facility, units at a buffer. */
  demand = 0;
  /** When service last started (preemptive disciplines). */
  startedAt = 0;
  /** Discipline order key: arrival rank (LCFS) or finish tag (PS). */
  rank = 0;
  /** The object to put into, or the filter to get from, a store. */
  item: unknown = undefined;

  private fn0: RequestCallback | undefined = undefined;
  private ctx0: CallbackContext | undefined = undefined;
  private arg0: unknown = undefined;
  private hasFirst = false;
  private more: [RequestCallback | undefined, CallbackContext | undefined, unknown][] | null = null;

  constructor(entity: RequestOwner, currentTime: number, deliverAt: number) {
    this.entity = entity;
    this.scheduledAt = currentTime;
    this.deliverAt = deliverAt;
  }

  /** Schedules delivery at absolute time `at` (never earlier than now). */
  scheduleAt(at: number): void {
    const scheduler = this.entity.sim.scheduler;
    const t = at < scheduler.now ? scheduler.now : at;
    this.deliverAt = t;
    this.handle = scheduler.at(t, deliverScheduled, this);
  }

  /** Schedules delivery now, after the events already due at this instant. */
  scheduleNow(): void {
    this.scheduleAt(this.entity.sim.scheduler.now);
  }

  cancel(): Request | undefined {
    const group = this.group;
    if (group !== null && group[0] !== this) return group[0]!.cancel();
    if (this.noRenege) return this;
    if (this.cancelled) return undefined;
    this.cancelled = true;
    this.withdraw();
    if (isCancelObserver(this.source)) this.source.requestEnded(this);
    if (group !== null) {
      for (let i = 1; i < group.length; i++) group[i]!.markCancelled();
    }
    return undefined;
  }

  done(callback?: RequestCallback, context?: CallbackContext, argument?: unknown): this {
    if (!this.hasFirst) {
      this.fn0 = callback;
      this.ctx0 = context;
      this.arg0 = argument;
      this.hasFirst = true;
    } else {
      (this.more ??= []).push([callback, context, argument]);
    }
    return this;
  }

  /** Reneges after `delay` seconds from the request's start unless served first. */
  waitUntil(
    delay: number,
    callback?: RequestCallback,
    context?: CallbackContext,
    argument?: unknown,
  ): this {
    if (!(delay >= 0)) throw new RangeError(`waitUntil delay must be >= 0, got ${String(delay)}`);
    if (this.noRenege) return this;
    const ro = this.addClause(callback, context, argument);
    ro.scheduleAt(this.scheduledAt + delay);
    return this;
  }

  /** Reneges when `event` (or any of the events) fires, unless served first. */
  unlessEvent(
    event: WaitableEvent | WaitableEvent[],
    callback?: RequestCallback,
    context?: CallbackContext,
    argument?: unknown,
  ): this {
    if (this.noRenege) return this;
    for (const e of Array.isArray(event) ? event : [event]) {
      const ro = this.addClause(callback, context, argument);
      ro.msg = e;
      e.addWaitList(ro);
    }
    return this;
  }

  setData(data: unknown): this {
    this.data = data;
    return this;
  }

  /** Runs the callbacks (once), ending the request and its group. */
  deliver(): void {
    if (this.cancelled) return;
    this.cancel();
    const group = this.group;
    if (group !== null) this.runCallbacks(group[0]!.source, this.msg, group[0]!.data);
    else this.runCallbacks(this.source, this.msg, this.data);
  }

  /** Called by a resource that starts serving: cancels every reneging clause. */
  cancelRenegeClauses(): void {
    this.noRenege = true;
    const group = this.group;
    if (group === null || group[0] !== this) return;
    for (let i = 1; i < group.length; i++) group[i]!.markCancelled();
  }

  private markCancelled(): void {
    this.cancelled = true;
    this.withdraw();
  }

  /** Takes the request out of the event heap and out of any resource queue. */
  private withdraw(): void {
    if (this.handle >= 0) {
      this.entity.sim.scheduler.cancel(this.handle);
      this.handle = -1;
    }
    const holder = this.holder;
    if (holder !== null) {
      this.holder = null;
      holder.release(this);
    }
  }

  private addClause(
    callback: RequestCallback | undefined,
    context: CallbackContext | undefined,
    argument: unknown,
  ): Request {
    const ro = new Request(this.entity, this.scheduledAt, NaN);
    ro.done(callback, context, argument);
    if (this.group === null) this.group = [this];
    this.group.push(ro);
    ro.group = this.group;
    return ro;
  }

  private runCallbacks(source: unknown, msg: unknown, data: unknown): void {
    if (!this.hasFirst) return;
    this.call(this.fn0, this.ctx0, this.arg0, source, msg, data);
    const more = this.more;
    if (more === null) return;
    for (const [fn, ctx, arg] of more) this.call(fn, ctx, arg, source, msg, data);
  }

  private call(
    fn: RequestCallback | undefined,
    ctx: CallbackContext | undefined,
    arg: unknown,
    source: unknown,
    msg: unknown,
    data: unknown,
  ): void {
    if (!fn) return;
    const context = ctx || (this.entity as CallbackContext);
    context.callbackSource = source;
    context.callbackMessage = msg;
    context.callbackData = data;
    if (arg === undefined) fn.call(context);
    else if (Array.isArray(arg)) fn.apply(context, arg);
    else fn.call(context, arg);
    context.callbackSource = null;
    context.callbackMessage = null;
    context.callbackData = null;
  }
}

/** The part of an event a reneging clause needs. */
export interface WaitableEvent {
  addWaitList(ro: Request): void;
}
