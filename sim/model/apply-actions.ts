/**
 * A policy's actions applied to the fleet: pools defined or reconfigured,
 * instances provisioned and released, resized, requests migrated, warm
 * pools kept. Checks what names the model cannot honour.
 */
import type { Action, PoolSettings } from "../policies/types.js";
import type { ClusterState } from "./cluster-state.js";
import { provision, release, replenish } from "./lifecycle.js";
import { Pool } from "./pool.js";
import { migrate, resize } from "./resize-migrate.js";

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
      release(m, a.instanceId);
      return;
    case "resize":
      resize(m, a.instanceId, a.type);
      return;
    case "migrate":
      migrate(m, a.requestId, a.pool);
      return;
    case "prewarm":
      prewarm(m, a.pool, a.type, a.count);
      return;
    case "route":
      throw new Error(`policy ${m.opts.policyName} returned a route outside onArrival`);
  }
}

/** Creates or reconfigures a pool. */
export function definePool(m: ClusterState, id: string, s: PoolSettings): void {
  const existing = m.pools.get(id);
  if (existing) {
    if (s.routing) existing.routing = s.routing;
    if (s.idleTimeoutS !== undefined) existing.idleTimeoutS = s.idleTimeoutS;
    if (s.concurrency !== undefined) existing.concurrency = s.concurrency;
    if (s.functionId !== undefined) existing.functionId = s.functionId;
    return;
  }
  m.pools.set(
    id,
    new Pool(
      id,
      s.functionId ?? -1,
      s.routing ?? "least-loaded",
      s.concurrency ?? 1,
      s.idleTimeoutS ?? Infinity,
    ),
  );
}

function prewarm(m: ClusterState, poolId: string, typeName: string, count: number): void {
  const pool = m.pools.get(poolId);
  if (!pool) throw new Error(`policy ${m.opts.policyName} prewarmed unknown pool "${poolId}"`);
  if (!m.opts.catalog.has(typeName)) {
    throw new Error(`policy ${m.opts.policyName} prewarmed unknown type "${typeName}"`);
  }
  pool.warm = count > 0 ? { type: typeName, count } : null;
  replenish(m, pool);
}
