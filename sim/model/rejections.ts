/**
 * An action the model cannot honour (not enough free capacity, an instance
 * that is gone): logged with its reason and counted, never thrown, since a
 * policy deciding on a snapshot can be overtaken by events.
 */
import type { ClusterState } from "./cluster-state.js";

export function reject(m: ClusterState, kind: string, reason: string): void {
  m.metrics.allocs().reject(kind);
  m.log(`${m.opts.policyName}: ${kind} rejected at ${m.scheduler.now}s: ${reason}`);
}
