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
  ro.deliver();
}

/** Delivers a detached timer: its one callback, called on its entity. */
function fireDetached(callback: RequestCallback, entity: CallbackContext): void {
  entity.callbackSource = undefined;
  entity.callbackMessage = undefined;
  entity.callbackData = undefined;
  callback.call(entity);
  entity.callbackSource = null;
  entity.callbackMessage = null;
  entity.callbackData = null;
}

/**
 * What a request carries beyond a plain timer: its group of reneging
 * clauses, the resource it came from and what that resource notes.
 */
class Extras {
  group: Request[] | null = null;
  source: unknown = undefined;
  msg: unknown = undefined;
  data: unknown = undefined;
  /** The resource whose queue or wait list holds the request, if any. */
  holder: RequestHolder | null = null;
  ticket: Ticket | null = null;
}

/** What a resource notes about a request it serves or holds. */
export class Ticket {
  /** Work left or amount asked: service seconds at a facility, units at a buffer. */
  demand = 0;
  /** When service last started (preemptive disciplines). */
  startedAt = 0;
  /** Discipline order key: arrival rank (LCFS) or finish tag (PS). */
  rank = 0;
  /** The object to put into, or the filter to get from, a store. */
  item: unknown = undefined;
  /** Scheduler handle of the resource's own pending event for this request, else -1. */
  handle = -1;
}

type CallbackEntry = [RequestCallback | undefined, CallbackContext | undefined, unknown];

const CANCELLED = 1;
const NO_RENEGE = 2;
/** A timer whose event calls its callback directly (see `done`). */
const DETACHED = 4;

/**
 * A pending operation of an entity (timer, facility use, buffer or store
 * access, wait on an event), with SimJS semantics: `done` adds callbacks,
 * `waitUntil` and `unlessEvent` add reneging clauses that form a group with
 * it; whichever member is delivered first cancels the others.
 *
 * Requests are the one object a SimJS model allocates per event, so a plain
 * timer is kept small: flags share one field, a lone callback is stored
 * bare, and everything else lives in an Extras object made only when used.
 * A timer given a single plain callback is detached: its event calls the
 * callback on the entity directly and no longer references the request,
 * which the garbage collector can then reclaim young. Any other use of the
 * request re-attaches it first.
 */
export class Request {
  entity: RequestOwner;
  scheduledAt: number;
  deliverAt: number;
  private flags = 0;
  private callbacks: RequestCallback | CallbackEntry[] | undefined = undefined;
  private extras: Extras | undefined = undefined;
  /** Scheduler handle of a timer's delivery, else -1. */
  private handle = -1;

  constructor(entity: RequestOwner, currentTime: number, deliverAt: number) {
    this.entity = entity;
    this.scheduledAt = currentTime;
    this.deliverAt = deliverAt;
  }

  private more(): Extras {
    this.attach();
    return (this.extras ??= new Extras());
  }

  /** Makes the timer's event deliver through this request again. */
  private attach(): void {
    if ((this.flags & DETACHED) === 0) return;
    this.flags &= ~DETACHED;
    this.entity.sim.scheduler.retarget(this.handle, deliverScheduled, this, undefined);
  }

  get group(): Request[] | null {
    return this.extras?.group ?? null;
  }

  get source(): unknown {
    return this.extras?.source;
  }

  set source(value: unknown) {
    this.more().source = value;
  }

  get msg(): unknown {
    return this.extras?.msg;
  }

  set msg(value: unknown) {
    this.more().msg = value;
  }

  get data(): unknown {
    return this.extras?.data;
  }

  set data(value: unknown) {
    this.more().data = value;
  }

  get holder(): RequestHolder | null {
    return this.extras?.holder ?? null;
  }

  set holder(value: RequestHolder | null) {
    if (value !== null || this.extras !== undefined) this.more().holder = value;
  }

  get ticket(): Ticket | null {
    return this.extras?.ticket ?? null;
  }

  /** The ticket a resource keeps on this request, made on first use. */
  useTicket(): Ticket {
    return (this.more().ticket ??= new Ticket());
  }

  /** True once the request was cancelled or delivered. */
  get cancelled(): boolean {
    if (this.flags & CANCELLED) return true;
    return (this.flags & DETACHED) !== 0 && !this.entity.sim.scheduler.isPending(this.handle);
  }

  /** True once a resource has started serving the request: it can no longer renege. */
  get noRenege(): boolean {
    return (this.flags & NO_RENEGE) !== 0;
  }

  /** Schedules a timer's delivery at `deliverAt`, keeping a handle to cancel it by. */
  startTimer(): void {
    this.handle = this.entity.sim.scheduler.at(this.deliverAt, deliverScheduled, this);
  }

  /** Schedules delivery at absolute time `at` (never earlier than now). */
  scheduleAt(at: number): void {
    const scheduler = this.entity.sim.scheduler;
    const t = at < scheduler.now ? scheduler.now : at;
    this.deliverAt = t;
    scheduler.post(t, deliverScheduled, this);
  }

  /** Schedules delivery now, after the events already due at this instant. */
  scheduleNow(): void {
    this.scheduleAt(this.entity.sim.scheduler.now);
  }

  cancel(): Request | undefined {
    if (this.flags & DETACHED) {
      if (this.entity.sim.scheduler.cancel(this.handle)) this.flags |= CANCELLED;
      return undefined;
    }
    const group = this.group;
    if (group !== null && group[0] !== this) return group[0]!.cancel();
    if (this.flags & NO_RENEGE) return this;
    if (this.flags & CANCELLED) return undefined;
    this.markCancelled();
    if (isCancelObserver(this.source)) this.source.requestEnded(this);
    if (group !== null) {
      for (let i = 1; i < group.length; i++) group[i]!.markCancelled();
    }
    return undefined;
  }

  done(callback?: RequestCallback, context?: CallbackContext, argument?: unknown): this {
    const bare = context === undefined && argument === undefined && typeof callback === "function";
    const cbs = this.callbacks;
    if (cbs === undefined && bare) {
      this.callbacks = callback;
      if (this.handle >= 0 && this.extras === undefined && this.flags === 0) {
        const scheduler = this.entity.sim.scheduler;
        if (
          scheduler.retarget(this.handle, fireDetached, callback, this.entity as CallbackContext)
        ) {
          this.flags |= DETACHED;
        }
      }
    } else {
      this.attach();
      const entry: CallbackEntry = [callback, context, argument];
      if (cbs === undefined) this.callbacks = [entry];
      else if (typeof cbs === "function") this.callbacks = [[cbs, undefined, undefined], entry];
      else cbs.push(entry);
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
    if (this.flags & CANCELLED) return;
    this.cancel();
    const cbs = this.callbacks;
    if (cbs === undefined) return;
    const group = this.group;
    const head = group === null ? this : group[0]!;
    if (typeof cbs === "function") {
      this.call(cbs, undefined, undefined, head.source, this.msg, head.data);
      return;
    }
    for (const [fn, ctx, arg] of cbs) this.call(fn, ctx, arg, head.source, this.msg, head.data);
  }

  /** Called by a resource that starts serving: cancels every reneging clause. */
  cancelRenegeClauses(): void {
    this.flags |= NO_RENEGE;
    const group = this.group;
    if (group === null || group[0] !== this) return;
    for (let i = 1; i < group.length; i++) group[i]!.markCancelled();
  }

  /** Flags the request cancelled and takes it out of any resource queue. */
  private markCancelled(): void {
    this.flags |= CANCELLED;
    if (this.handle >= 0) this.entity.sim.scheduler.cancel(this.handle);
    const extras = this.extras;
    const holder = extras?.holder;
    if (extras !== undefined && holder) {
      extras.holder = null;
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
    const mine = this.more();
    mine.group ??= [this];
    mine.group.push(ro);
    ro.more().group = mine.group;
    return ro;
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
