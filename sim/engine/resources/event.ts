import { Named } from "../process/named.js";
import type { Request, RequestHolder, WaitableEvent } from "../process/request.js";

/**
 * A signal. fire() wakes every waiter and the first queued request; with
 * keepFired it stays fired (later waits return at once) until clear().
 */
export class SimEvent extends Named implements RequestHolder, WaitableEvent {
  waitList: Request[] = [];
  queue: Request[] = [];
  isFired = false;

  addWaitList(ro: Request): void {
    if (this.isFired) {
      ro.scheduleNow();
      return;
    }
    this.waitList.push(ro);
    ro.holder = this;
  }

  addQueue(ro: Request): void {
    if (this.isFired) {
      ro.scheduleNow();
      return;
    }
    this.queue.push(ro);
    ro.holder = this;
  }

  fire(keepFired?: boolean): void {
    if (keepFired) this.isFired = true;
    const waiting = this.waitList;
    this.waitList = [];
    for (const ro of waiting) ro.holder = null;
    for (const ro of waiting) ro.deliver();
    const lucky = this.queue.shift();
    if (lucky !== undefined) {
      lucky.holder = null;
      lucky.deliver();
    }
  }

  clear(): void {
    this.isFired = false;
  }

  /** A waiting or queued request was cancelled: it no longer takes a fire. */
  release(ro: Request): void {
    let i = this.queue.indexOf(ro);
    if (i >= 0) {
      this.queue.splice(i, 1);
      return;
    }
    i = this.waitList.indexOf(ro);
    if (i >= 0) this.waitList.splice(i, 1);
  }
}
