import type { Instance } from "./instance.js";
import type { WorkRequest } from "./request.js";

/**
 * A request in execution. Progress is kept as the fraction of work done, so
 * a resize (new speed) or a migration (new instance) carries it over.
 */
export class Running {
  /** Scheduler handle of the completion event. */
  handle = -1;
  /** Fraction of the work done up to `sinceS`. */
  doneFrac: number;
  sinceS: number;
  /** Seconds the whole work takes at the current instance's speed. */
  fullS = 0;
  /** When the current stretch on this instance began (FaaS bills each stretch). */
  readonly segmentStartS: number;

  constructor(
    readonly request: WorkRequest,
    readonly instance: Instance,
    /** First start of the request, on any instance. */
    readonly startS: number,
    nowS: number,
    doneFrac: number,
    readonly outOfMemory: boolean,
  ) {
    this.doneFrac = doneFrac;
    this.sinceS = nowS;
    this.segmentStartS = nowS;
  }

  /** Brings the done fraction up to `nowS`. */
  advance(nowS: number): void {
    if (this.fullS > 0)
      this.doneFrac = Math.min(1, this.doneFrac + (nowS - this.sinceS) / this.fullS);
    this.sinceS = nowS;
  }

  /**
   * Where the request ends, as a fraction of its work: 1, or for one that
   * runs out of memory the point its memory outgrows the slot (halfway, as
   * memory grows with the work).
   */
  get endFrac(): number {
    return this.outOfMemory ? 0.5 : 1;
  }

  /** Seconds left at the current speed. */
  remainingS(): number {
    return Math.max(0, this.endFrac - this.doneFrac) * this.fullS;
  }
}
