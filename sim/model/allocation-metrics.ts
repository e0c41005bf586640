import type { AllocationSummary } from "./summary.js";

/** Counters of allocations and the actions on them, made at the first such action of a run. */
export class AllocationMetrics {
  /** Requests started in an allocation of their own. */
  allocations = 0;
  /** Containers on the instance at each start of one, summed (containersPerVm's numerator). */
  containersAtStarts = 0;
  resizes = 0;
  upgrades = 0;
  /** Upgrades that restarted the request, losing its work. */
  upgradeRestarts = 0;
  /** Execution seconds upgrades lost (restarts) or paused (migrations). */
  upgradeLostS = 0;
  /** The extra price of upgraded allocations over their old ones, for the rest of their run. */
  upgradeCostUsd = 0;
  /** Instances bound to an announced request: it came and ran there, or another came. */
  bindsHit = 0;
  bindsWasted = 0;
  /** What the instances of wasted binds cost while bound: from their start to the wrong request (or their end). */
  bindsWastedCostUsd = 0;
  /**
   * Requests that asked for a profile by name (first attempts), those placed
   * in it, and what the granted allocations cost over their run there.
   */
  profileRequests = 0;
  profileGrants = 0;
  grantCostUsd = 0;
  /** Running requests placed in the profile they asked for. */
  readonly granted = new Set<number>();
  /** The first memory limit of each running request whose limit was raised (upgraded or grown in place). */
  readonly upgradedFromMiB = new Map<number, number>();
  /** Requests whose memory limit was raised, by an upgrade or a resize in place. */
  limitsRaised = 0;
  /** Of those, the ones that completed with a peak above their first allocation's limit. */
  savedFromOutOfMemory = 0;
  /** Actions the model could not honour (logged with the reason). */
  rejected = 0;
  readonly rejectedByKind = new Map<string, number>();

  reject(kind: string): void {
    this.rejected++;
    this.rejectedByKind.set(kind, (this.rejectedByKind.get(kind) ?? 0) + 1);
  }

  /** A request ends (not to be retried): the counters of upgrades and grants that name it. */
  /** A running request's memory limit goes up from `fromMiB`: remembered once, as its first. */
  raised(requestId: number, fromMiB: number): void {
    if (this.upgradedFromMiB.has(requestId)) return;
    this.upgradedFromMiB.set(requestId, fromMiB);
    this.limitsRaised++;
  }

  ended(requestId: number, completed: boolean, peakMemMiB: number, runCostUsd: number): void {
    const from = this.upgradedFromMiB.get(requestId);
    if (from !== undefined) {
      this.upgradedFromMiB.delete(requestId);
      if (completed && peakMemMiB > from + 1e-9) this.savedFromOutOfMemory++;
    }
    if (this.granted.delete(requestId)) this.grantCostUsd += runCostUsd;
  }

  summarize(): AllocationSummary {
    const rejectedByKind: Record<string, number> = {};
    for (const k of [...this.rejectedByKind.keys()].sort())
      rejectedByKind[k] = this.rejectedByKind.get(k)!;
    return {
      allocations: this.allocations,
      containersPerVm: this.allocations > 0 ? this.containersAtStarts / this.allocations : 0,
      resizes: this.resizes,
      upgrades: this.upgrades,
      upgradeRestarts: this.upgradeRestarts,
      upgradeLostS: this.upgradeLostS,
      upgradeCostUsd: this.upgradeCostUsd,
      bindsHit: this.bindsHit,
      bindsWasted: this.bindsWasted,
      bindsWastedCostUsd: this.bindsWastedCostUsd,
      rejectedActions: this.rejected,
      rejectedByKind,
      // Only runs that have them: other summaries keep their shape.
      ...(this.limitsRaised > 0 ? { savedFromOutOfMemory: this.savedFromOutOfMemory } : {}),
      ...(this.profileRequests > 0
        ? {
            profileRequests: this.profileRequests,
            profileGrants: this.profileGrants,
            grantCostUsd: this.grantCostUsd,
          }
        : {}),
    };
  }
}
