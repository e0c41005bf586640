import type { Request } from "../process/request.js";
import type { Discipline, FacilityCore } from "./facility-core.js";

/**
 * Last come, first served, preemptive resume, on `servers` servers: the most
 * recent arrivals are in service; an arrival finding every server busy
 * preempts the earliest arrival in service, which waits on a stack with its
 * remaining work and resumes when a server frees and nothing newer waits.
 */
export class LcfsDiscipline implements Discipline {
  private readonly inService: Request[] = [];
  private arrivals = 0;
  private readonly onDone = (ro: Request) => this.finish(ro);

  constructor(private readonly f: FacilityCore) {}

  use(duration: number, ro: Request): void {
    const now = ro.entity.time();
    ro.cancelRenegeClauses();
    const ticket = ro.useTicket();
    ticket.demand = duration;
    ticket.rank = this.arrivals++;
    this.f.stats.enter(now);
    if (this.inService.length >= this.f.servers) this.preempt(now);
    this.start(ro, now);
  }

  release(): void {
    // Requests are served (or preempted) on arrival and never renege.
  }

  private start(ro: Request, now: number): void {
    const ticket = ro.ticket!;
    ticket.startedAt = now;
    ticket.handle = ro.entity.sim.scheduler.at(now + ticket.demand, this.onDone, ro);
    this.inService.push(ro);
  }

  private preempt(now: number): void {
    let victim = 0;
    for (let i = 1; i < this.inService.length; i++) {
      if (this.inService[i]!.ticket!.rank < this.inService[victim]!.ticket!.rank) victim = i;
    }
    const ro = this.inService.splice(victim, 1)[0]!;
    const ticket = ro.ticket!;
    ro.entity.sim.scheduler.cancel(ticket.handle);
    ticket.handle = -1;
    this.f.busyDuration += now - ticket.startedAt;
    ticket.demand -= now - ticket.startedAt;
    this.f.queue.push(ro, now);
  }

  private finish(ro: Request): void {
    const now = ro.entity.time();
    ro.ticket!.handle = -1;
    this.inService.splice(this.inService.indexOf(ro), 1);
    this.f.busyDuration += now - ro.ticket!.startedAt;
    this.f.stats.leave(ro.scheduledAt, now);
    ro.deliver();
    while (this.inService.length < this.f.servers && !this.f.queue.empty()) {
      this.start(this.f.queue.pop(now), now);
    }
  }
}
