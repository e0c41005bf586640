import type { EventHandle } from "../scheduler.js";
import type { Request } from "../process/request.js";
import type { Discipline, FacilityCore } from "./facility-core.js";

/**
 * Processor sharing on `servers` servers: n requests in service each progress
 * at rate min(1, servers / n). Kept in virtual time (service attained per
 * request), so an arrival or departure costs one rescheduled event, not one
 * per request in service.
 */
export class PsDiscipline implements Discipline {
  private readonly jobs: Request[] = [];
  private virtual = 0;
  private lastUpdate = 0;
  private busySince = 0;
  private next: EventHandle = -1;
  private readonly onDone = (ro: Request) => this.finish(ro);

  constructor(private readonly f: FacilityCore) {}

  use(duration: number, ro: Request): void {
    const now = ro.entity.time();
    const ticket = ro.useTicket();
    ticket.demand = duration;
    ro.cancelRenegeClauses();
    this.f.stats.enter(now);
    this.advance(now);
    if (this.jobs.length === 0) this.busySince = now;
    ticket.rank = this.virtual + duration;
    this.jobs.push(ro);
    this.reschedule(ro, now);
  }

  release(): void {
    // Requests enter service on arrival and never renege.
  }

  private rate(): number {
    const n = this.jobs.length;
    return n <= this.f.servers ? 1 : this.f.servers / n;
  }

  private advance(now: number): void {
    if (this.jobs.length > 0) this.virtual += (now - this.lastUpdate) * this.rate();
    this.lastUpdate = now;
  }

  private reschedule(any: Request, now: number): void {
    const scheduler = any.entity.sim.scheduler;
    if (this.next >= 0) scheduler.cancel(this.next);
    this.next = -1;
    if (this.jobs.length === 0) return;
    let first = this.jobs[0]!;
    for (const job of this.jobs) if (job.ticket!.rank < first.ticket!.rank) first = job;
    const delay = Math.max(0, (first.ticket!.rank - this.virtual) / this.rate());
    this.next = scheduler.at(now + delay, this.onDone, first);
  }

  private finish(ro: Request): void {
    const now = ro.entity.time();
    this.next = -1;
    this.advance(now);
    this.jobs.splice(this.jobs.indexOf(ro), 1);
    this.f.stats.leave(ro.scheduledAt, now);
    if (this.jobs.length === 0) this.f.busyDuration += now - this.busySince;
    this.reschedule(ro, now);
    ro.deliver();
  }
}
