import { Named } from "../process/named.js";
import type { CancelObserver, Request, RequestHolder } from "../process/request.js";
import { StatQueue } from "./stat-queue.js";

/**
 * What Buffer and Store share: a FIFO line of puts and one of gets, and the
 * rule that whenever one of their requests ends (served, or cancelled while
 * waiting) both lines are given a chance to move.
 */
export abstract class PutGetResource extends Named implements CancelObserver, RequestHolder {
  readonly putQueue = new StatQueue<Request>();
  readonly getQueue = new StatQueue<Request>();

  protected abstract progressPutQueue(now: number): void;
  protected abstract progressGetQueue(now: number): void;

  release(ro: Request): void {
    const now = ro.entity.time();
    if (!this.getQueue.remove(ro, now)) this.putQueue.remove(ro, now);
  }

  requestEnded(ro: Request): void {
    const now = ro.entity.time();
    this.progressPutQueue(now);
    this.progressGetQueue(now);
  }

  putStats() {
    return this.putQueue.stats;
  }

  getStats() {
    return this.getQueue.stats;
  }
}
