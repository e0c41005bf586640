/**
 * A policy's actions applied to the fleet: pools defined or reconfigured,
 * instances provisioned and released, resized, requests migrated, timers
 * set. Checks what names the model cannot honour.
 */
import type { Action, PoolSettings } from "../policies/types.js";
import type { ClusterState } from "./cluster-state.js";
import { provision, release } from "./lifecycle.js";
import { setTimer } from "./policy-calls.js";
import { Pool } from "./pool.js";
import { migrate, resize } from "./resize-migrate.js";
import { setUsageEvery } from "./usage-samples.js";

export function applyAll(m: ClusterState, actions: readonly Action[]): void {
  for (const a of actions) applyOne(m, a);
}

export function applyOne(m: ClusterState, a: Action): void {
  switch (a.kind) {
    case "pool":
      definePool(m, a.pool, a);
      return;
    case "provision":
      provision(m, a.pool, a.type, a.count, a.prewarmed ?? false, a.forRequestId);
      return;
    case "release":
      release(m, a.instanceId, a.afterIdleS);
      return;
    case "resize":
      resize(m, a.instanceId, a.type);
      return;
    case "migrate":
      migrate(m, a.requestId, a.pool);
      return;
    case "timer":
      setTimer(m, a.key, a.atS);
      return;
    case "usage":
      setUsageEvery(m, a.requestId, a.everyS);
      return;
    case "route":
    case "place":
    case "split":
      throw new Error(`policy ${m.opts.policyName} returned a ${a.kind} outside onArrival`);
  }
}

/** Creates or reconfigures a pool. */
export function definePool(m: ClusterState, id: string, s: PoolSettings): void {
  const existing = m.pools.get(id);
  if (existing) {
    if (s.routing) existing.routing = s.routing;
    if (s.concurrency !== undefined) existing.concurrency = s.concurrency;
    if (s.functionId !== undefined) existing.functionId = s.functionId;
    return;
  }
  m.pools.set(
    id,
    new Pool(id, s.functionId ?? -1, s.routing ?? "least-loaded", s.concurrency ?? 1),
  );
}
