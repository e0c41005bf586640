import type { Instance } from "./instance.js";

/**
 * A pool's instances in the order they became idle, each with the time it
 * did, so that newest-idle-first routing finds the newest idle instance
 * without scanning the pool (FaaS pools keep many idle sandboxes). Entries
 * go stale when their instance stops being idle since that time; stale ones
 * are dropped from the top as they surface and all at once when they
 * outnumber the live ones. The answer is the routing piece's
 * (policies/pieces/routing/newest-idle-first.ts) or, where that is not
 * certain, none, and the pool scans.
 */
export class IdleOrder {
  private readonly instances: Instance[] = [];
  private readonly times: number[] = [];

  /** `inst` became idle at `atS` (never earlier than the previous push); the pool has `liveCount` instances. */
  push(inst: Instance, atS: number, liveCount: number): void {
    if (this.instances.length > 2 * liveCount + 16) this.compact();
    this.instances.push(inst);
    this.times.push(atS);
  }

  /**
   * The idle instance that became idle last, when every free slot of the
   * pool is on an idle instance (the caller's condition); undefined when
   * the scan must decide: a tie in time (the scan takes the last of equals
   * in pool order) or a newest instance bound to a notice.
   */
  newest(): Instance | undefined {
    const { instances, times } = this;
    while (instances.length > 0) {
      const top = instances.length - 1;
      const inst = instances[top]!;
      const at = times[top]!;
      if (inst.state !== "idle" || inst.idleSinceS !== at) {
        instances.pop();
        times.pop();
        continue;
      }
      if (top > 0 && times[top - 1] === at) return undefined;
      if (inst.bound) return undefined;
      return inst;
    }
    return undefined;
  }

  /** Drops every stale entry, keeping the order of the others. */
  private compact(): void {
    const { instances, times } = this;
    let n = 0;
    for (let i = 0; i < instances.length; i++) {
      const inst = instances[i]!;
      if (inst.state === "idle" && inst.idleSinceS === times[i]) {
        instances[n] = inst;
        times[n++] = times[i]!;
      }
    }
    instances.length = n;
    times.length = n;
  }
}
