import type { InstanceView } from "../types.js";

/**
 * Scale-in victims in the order to release them: booting first, then idle,
 * then the least busy; newest first within each. Draining and terminated
 * instances are left out.
 */
export function releaseOrder(instances: readonly InstanceView[]): InstanceView[] {
  const rank = (i: InstanceView) => (i.state === "booting" ? 0 : i.state === "idle" ? 1 : 2);
  return instances
    .filter((i) => i.state !== "draining" && i.state !== "terminated")
    .sort((a, b) => rank(a) - rank(b) || a.busySlots - b.busySlots || b.id - a.id);
}
