import type { Request } from "../process/request.js";
import { PutGetResource } from "./put-get-resource.js";

/**
 * A level of some quantity between 0 and `capacity`. Puts wait while they
 * would overfill it, gets while they would overdraw it; both lines are FIFO,
 * so a large request at the head holds back smaller ones behind it.
 */
export class Buffer extends PutGetResource {
  readonly capacity: number;
  available: number;

  constructor(name: string | null | undefined, capacity: number, initial = 0) {
    super(name);
    if (!(capacity >= 0) || !(initial >= 0) || initial > capacity) {
      throw new RangeError(
        `Buffer "${this.name}": need 0 <= initial <= capacity, got initial ${initial}, capacity ${capacity}`,
      );
    }
    this.capacity = capacity;
    this.available = initial;
  }

  current(): number {
    return this.available;
  }

  size(): number {
    return this.capacity;
  }

  get(amount: number, ro: Request): void {
    const now = ro.entity.time();
    if (this.getQueue.empty() && amount <= this.available) {
      this.available -= amount;
      ro.scheduleNow();
      this.getQueue.passby(now);
      this.progressPutQueue(now);
      return;
    }
    ro.useTicket().demand = amount;
    this.getQueue.push(ro, now);
    ro.holder = this;
  }

  put(amount: number, ro: Request): void {
    const now = ro.entity.time();
    if (this.putQueue.empty() && amount + this.available <= this.capacity) {
      this.available += amount;
      ro.scheduleNow();
      this.putQueue.passby(now);
      this.progressGetQueue(now);
      return;
    }
    ro.useTicket().demand = amount;
    this.putQueue.push(ro, now);
    ro.holder = this;
  }

  protected progressGetQueue(now: number): void {
    for (let ro = this.getQueue.top(); ro !== undefined; ro = this.getQueue.top()) {
      if (ro.ticket!.demand > this.available) break;
      this.getQueue.shift(now);
      ro.holder = null;
      this.available -= ro.ticket!.demand;
      ro.scheduleNow();
    }
  }

  protected progressPutQueue(now: number): void {
    for (let ro = this.putQueue.top(); ro !== undefined; ro = this.putQueue.top()) {
      if (ro.ticket!.demand + this.available > this.capacity) break;
      this.putQueue.shift(now);
      ro.holder = null;
      this.available += ro.ticket!.demand;
      ro.scheduleNow();
    }
  }
}
