/**
 * A policy's actions applied to the fleet: pools defined or reconfigured,
 * instances provisioned (or bound to a notice) and released, resized,
 * requests migrated, allocations resized or upgraded, timers set,
 * predictions recorded. Checks what names the model cannot honour.
 */
import type { Action, Allocation, PoolSettings } from "../policies/types.js";
import { resizeAllocation, upgrade } from "./allocation-actions.js";
import { provisionForNotice } from "./binding.js";
import type { ClusterState } from "./cluster-state.js";
import { provision, release } from "./lifecycle.js";
import { setTimer } from "./policy-calls.js";
import { Pool } from "./pool.js";
import { namedAllocation } from "./profiles.js";
import { reject } from "./rejections.js";
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
      if (a.forNotice) provisionForNotice(m, a.pool, a.type, a.count, named(m, a.kind, a));
      else provision(m, a.pool, a.type, a.count, a.prewarmed ?? false, a.forRequestId);
      return;
    case "resizeAllocation": {
      const alloc = named(m, a.kind, a);
      if (alloc) resizeAllocation(m, a.requestId, alloc);
      else if (alloc === undefined) reject(m, a.kind, "it names no allocation or profile");
      return;
    }
    case "upgrade": {
      const alloc = named(m, a.kind, a);
      if (alloc) upgrade(m, a.requestId, a.instanceId, alloc, a.mode);
      else if (alloc === undefined) reject(m, a.kind, "it names no allocation or profile");
      return;
    }
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
    case "predict":
      m.predictions.set(a.requestId, a);
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
    if (s.line) existing.backfill = s.line === "backfill";
    return;
  }
  const pool = new Pool(id, s.functionId ?? -1, s.routing ?? "least-loaded", s.concurrency ?? 1);
  pool.backfill = s.line === "backfill";
  m.pools.set(id, pool);
}

/** The allocation an action names (its own or a profile's); null, rejected, if the profile is unknown. */
export function named(
  m: ClusterState,
  kind: string,
  a: { readonly allocation?: Allocation; readonly profile?: string },
): Allocation | null | undefined {
  const got = namedAllocation(m.profiles, a);
  if (typeof got !== "string") return got;
  reject(m, kind, got);
  return null;
}
