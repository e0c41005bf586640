import type { Population } from "../stats/population.js";
import type { Request, RequestHolder } from "../process/request.js";
import type { StatQueue } from "./stat-queue.js";

/** What a service discipline sees of its facility. */
export interface FacilityCore extends RequestHolder {
  readonly servers: number;
  readonly maxqlen: number;
  readonly stats: Population;
  readonly queue: StatQueue<Request>;
  busyDuration: number;
}

/** One way of sharing a facility's servers among the requests that use it. */
export interface Discipline {
  use(duration: number, ro: Request): void;
  /** A waiting request was cancelled (reneged). */
  release(ro: Request): void;
}
