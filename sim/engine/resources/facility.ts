import { Named } from "../process/named.js";
import type { Request, RequestHolder } from "../process/request.js";
import { Population } from "../stats/population.js";
import type { Discipline, FacilityCore } from "./facility-core.js";
import { FcfsDiscipline } from "./facility-fcfs.js";
import { LcfsDiscipline } from "./facility-lcfs.js";
import { PsDiscipline } from "./facility-ps.js";
import { StatQueue } from "./stat-queue.js";

/**
 * A service station: requests use it for a given duration under one of three
 * disciplines. systemStats() covers everyone present (waiting or served),
 * queueStats() only those waiting.
 */
export class Facility extends Named implements FacilityCore, RequestHolder {
  static readonly FCFS = 1;
  static readonly LCFS = 2;
  static readonly PS = 3;
  static readonly NumDisciplines = 4;

  readonly servers: number;
  readonly maxqlen: number;
  readonly stats = new Population();
  readonly queue = new StatQueue<Request>();
  busyDuration = 0;
  private readonly discipline: Discipline;

  constructor(name?: string | null, discipline?: number, servers?: number, maxqlen?: number) {
    super(name);
    const n = servers ? servers : 1;
    if (!Number.isInteger(n) || n < 1) {
      throw new RangeError(
        `Facility "${this.name}": servers must be a positive integer, got ${servers}`,
      );
    }
    this.servers = n;
    this.maxqlen = maxqlen === undefined ? -1 : Number(maxqlen);
    switch (discipline) {
      case Facility.LCFS:
        this.discipline = new LcfsDiscipline(this);
        break;
      case Facility.PS:
        this.discipline = new PsDiscipline(this);
        break;
      default:
        this.discipline = new FcfsDiscipline(this);
    }
  }

  use(duration: number, ro: Request): void {
    this.discipline.use(duration, ro);
  }

  release(ro: Request): void {
    this.discipline.release(ro);
  }

  systemStats(): Population {
    return this.stats;
  }

  queueStats(): Population {
    return this.queue.stats;
  }

  /** Busy server-seconds (FCFS counts a service when it starts). */
  usage(): number {
    return this.busyDuration;
  }

  finalize(timestamp: number): void {
    this.stats.finalize(timestamp);
    this.queue.finalize(timestamp);
  }

  reset(): void {
    this.queue.reset();
    this.stats.reset();
    this.busyDuration = 0;
  }
}
