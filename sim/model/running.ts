import type { Instance } from "./instance.js";
import type { WorkRequest } from "./request.js";

/** Progress carried by a request that was re-timed (resize) or moved (migration). */
export interface Progress {
  /** Fraction of the work done when the current stretch began. */
  readonly doneFrac: number;
  /** When the current stretch on this instance, at this speed, began. */
  readonly sinceS: number;
}

/**
 * A request in execution. Kept small, since one is made per request: a
 * re-timed request gets a new Running and the old one goes stale (its
 * completion event is then ignored), so no event handle is stored.
 */
export class Running {
  stale = false;
  progress: Progress | null = null;
  /** Its pending usage sample, or -1. */
  usageHandle = -1;

  constructor(
    readonly request: WorkRequest,
    readonly instance: Instance,
    /** First start of the request, on any instance. */
    readonly startS: number,
    /** Where its memory outgrows its slot, as a fraction of its work; null when it fits. */
    readonly outOfMemoryFrac: number | null,
    /** Runs on the instance started for it: a cold start (see Cluster.complete). */
    readonly cold: boolean,
  ) {}

  /** Whether the request runs out of memory before its work is done. */
  get outOfMemory(): boolean {
    return this.outOfMemoryFrac !== null;
  }

  /**
   * Where the request ends, as a fraction of its work: 1, or for one that
   * runs out of memory the moment its use (memory-profile.ts) crosses the
   * slot's memory, so its time, bill and CPU-seconds stop there.
   */
  get endFrac(): number {
    return this.outOfMemoryFrac ?? 1;
  }

  /** When the current stretch began: the start, unless re-timed or moved. */
  get sinceS(): number {
    return this.progress?.sinceS ?? this.startS;
  }

  /** Fraction of the work done at `nowS`, given the full service time at the current speed. */
  doneAt(nowS: number, fullS: number): number {
    const base = this.progress?.doneFrac ?? 0;
    return fullS > 0 ? Math.min(this.endFrac, base + (nowS - this.sinceS) / fullS) : this.endFrac;
  }
}
