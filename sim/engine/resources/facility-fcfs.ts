import type { Request } from "../process/request.js";
import type { Discipline, FacilityCore } from "./facility-core.js";

/**
 * First come, first served on `servers` identical servers, with an optional
 * bound on the waiting line (`maxqlen`; 0 admits only when a server is free).
 * A rejected request is delivered at once with callbackMessage -1; a served
 * one with the index of its server.
 */
export class FcfsDiscipline implements Discipline {
  private free: number;
  private readonly serverFree: boolean[];
  private readonly onDone = (ro: Request) => this.finish(ro);

  constructor(private readonly f: FacilityCore) {
    this.free = f.servers;
    this.serverFree = new Array<boolean>(f.servers).fill(true);
  }

  use(duration: number, ro: Request): void {
    const f = this.f;
    if ((f.maxqlen === 0 && this.free === 0) || (f.maxqlen > 0 && f.queue.size() >= f.maxqlen)) {
      ro.msg = -1;
      ro.scheduleNow();
      return;
    }
    const now = ro.entity.time();
    ro.useTicket().demand = duration;
    f.stats.enter(now);
    f.queue.push(ro, now);
    ro.holder = f;
    this.dispatch(now);
  }

  release(ro: Request): void {
    const now = ro.entity.time();
    if (this.f.queue.remove(ro, now)) this.f.stats.leave(ro.scheduledAt, now);
  }

  private dispatch(now: number): void {
    const f = this.f;
    while (this.free > 0 && !f.queue.empty()) {
      const ro = f.queue.shift(now);
      ro.holder = null;
      const server = this.serverFree.indexOf(true);
      this.serverFree[server] = false;
      ro.msg = server;
      this.free--;
      f.busyDuration += ro.ticket!.demand;
      ro.cancelRenegeClauses();
      ro.entity.sim.scheduler.at(now + ro.ticket!.demand, this.onDone, ro);
    }
  }

  private finish(ro: Request): void {
    const now = ro.entity.time();
    this.free++;
    this.serverFree[ro.msg as number] = true;
    this.f.stats.leave(ro.scheduledAt, now);
    this.dispatch(now);
    ro.deliver();
  }
}
