import type { Request } from "../process/request.js";
import { PutGetResource } from "./put-get-resource.js";

export type StoreFilter = (item: unknown) => boolean;

/**
 * Holds up to `capacity` objects. A get takes the oldest object (or the
 * oldest one its filter accepts) and receives it as callbackMessage; both
 * lines are strictly FIFO.
 */
export class Store extends PutGetResource {
  readonly capacity: number;
  readonly objects: unknown[] = [];

  constructor(capacity: number, name?: string | null) {
    super(name);
    if (!(capacity >= 0)) {
      throw new RangeError(`Store "${this.name}": capacity must be >= 0, got ${capacity}`);
    }
    this.capacity = capacity;
  }

  current(): number {
    return this.objects.length;
  }

  size(): number {
    return this.capacity;
  }

  get(filter: StoreFilter | undefined, ro: Request): void {
    const now = ro.entity.time();
    if (this.getQueue.empty() && this.take(filter, ro)) {
      ro.scheduleNow();
      this.getQueue.passby(now);
      this.progressPutQueue(now);
      return;
    }
    ro.useTicket().item = filter;
    this.getQueue.push(ro, now);
    ro.holder = this;
  }

  put(obj: unknown, ro: Request): void {
    const now = ro.entity.time();
    if (this.putQueue.empty() && this.objects.length < this.capacity) {
      ro.scheduleNow();
      this.putQueue.passby(now);
      this.objects.push(obj);
      this.progressGetQueue(now);
      return;
    }
    ro.useTicket().item = obj;
    this.putQueue.push(ro, now);
    ro.holder = this;
  }

  /** Moves the first matching object into `ro.msg`; false when none matches. */
  private take(filter: StoreFilter | undefined, ro: Request): boolean {
    if (this.objects.length === 0) return false;
    const i = filter ? this.objects.findIndex((o) => filter(o)) : 0;
    if (i < 0) return false;
    ro.msg = this.objects.splice(i, 1)[0];
    return true;
  }

  protected progressGetQueue(now: number): void {
    for (let ro = this.getQueue.top(); ro !== undefined; ro = this.getQueue.top()) {
      if (!this.take(ro.ticket!.item as StoreFilter | undefined, ro)) break;
      this.getQueue.shift(now);
      ro.holder = null;
      ro.scheduleNow();
    }
  }

  protected progressPutQueue(now: number): void {
    for (let ro = this.putQueue.top(); ro !== undefined; ro = this.putQueue.top()) {
      if (this.objects.length >= this.capacity) break;
      this.putQueue.shift(now);
      ro.holder = null;
      this.objects.push(ro.ticket!.item);
      ro.scheduleNow();
    }
  }
}
