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
  /** Actions the model could not honour (logged with the reason). */
  rejected = 0;
  readonly rejectedByKind = new Map<string, number>();

  reject(kind: string): void {
    this.rejected++;
    this.rejectedByKind.set(kind, (this.rejectedByKind.get(kind) ?? 0) + 1);
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
      rejectedActions: this.rejected,
      rejectedByKind,
    };
  }
}
