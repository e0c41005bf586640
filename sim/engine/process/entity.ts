import { Buffer } from "../resources/buffer.js";
import { SimEvent } from "../resources/event.js";
import { Facility } from "../resources/facility.js";
import { Store, type StoreFilter } from "../resources/store.js";
import { Named } from "./named.js";
import { Request, type CallbackContext } from "./request.js";
import type { Sim } from "./sim.js";

function requireInstance(value: unknown, klass: Function, method: string, what: string): void {
  if (!(value instanceof klass)) throw new TypeError(`${method}: first argument must be a ${what}`);
}

function requireDelay(value: number, method: string): void {
  if (typeof value !== "number" || !(value >= 0) || value === Infinity) {
    throw new RangeError(`${method}: delay must be a finite number >= 0, got ${String(value)}`);
  }
}

/**
 * An actor of a simulation. Subclasses define start(...args) (called by
 * Sim.addEntity), and optionally onMessage(sender, message) and finalize().
 */
export class Entity extends Named implements CallbackContext {
  readonly sim: Sim;
  callbackSource: unknown = null;
  callbackMessage: unknown = null;
  callbackData: unknown = null;

  constructor(sim: Sim, name?: string | null) {
    super(name);
    this.sim = sim;
  }

  time(): number {
    return this.sim.scheduler.now;
  }

  setTimer(duration: number): Request {
    requireDelay(duration, "setTimer");
    const now = this.sim.scheduler.now;
    const ro = new Request(this, now, now + duration);
    ro.startTimer();
    return ro;
  }

  /** Wakes at the next fire of `event`, with every other waiter. */
  waitEvent(event: SimEvent): Request {
    requireInstance(event, SimEvent, "waitEvent", "Sim.Event");
    const ro = this.request(event);
    event.addWaitList(ro);
    return ro;
  }

  /** Wakes at a fire of `event` that picks it, one queued request per fire, in order. */
  queueEvent(event: SimEvent): Request {
    requireInstance(event, SimEvent, "queueEvent", "Sim.Event");
    const ro = this.request(event);
    event.addQueue(ro);
    return ro;
  }

  useFacility(facility: Facility, duration: number): Request {
    requireInstance(facility, Facility, "useFacility", "Sim.Facility");
    requireDelay(duration, "useFacility");
    const ro = this.request(facility);
    facility.use(duration, ro);
    return ro;
  }

  putBuffer(buffer: Buffer, amount: number): Request {
    requireInstance(buffer, Buffer, "putBuffer", "Sim.Buffer");
    const ro = this.request(buffer);
    buffer.put(amount, ro);
    return ro;
  }

  getBuffer(buffer: Buffer, amount: number): Request {
    requireInstance(buffer, Buffer, "getBuffer", "Sim.Buffer");
    const ro = this.request(buffer);
    buffer.get(amount, ro);
    return ro;
  }

  putStore(store: Store, obj: unknown): Request {
    requireInstance(store, Store, "putStore", "Sim.Store");
    const ro = this.request(store);
    store.put(obj, ro);
    return ro;
  }

  getStore(store: Store, filter?: StoreFilter): Request {
    requireInstance(store, Store, "getStore", "Sim.Store");
    const ro = this.request(store);
    store.get(filter, ro);
    return ro;
  }

  /**
   * Sends `message` after `delay`: to every other entity when `entities` is
   * omitted, to each of an array but the sender, or to one entity.
   */
  send(message: unknown, delay: number, entities?: Entity | Entity[] | null): void {
    requireDelay(delay, "send");
    this.sim.scheduleMessage(this, message, delay, entities ?? null);
  }

  log(message: string): void {
    this.sim.log(message, this);
  }

  private request(source: unknown): Request {
    const ro = new Request(this, this.sim.scheduler.now, NaN);
    ro.source = source;
    return ro;
  }
}
