/**
 * Pre-instantiation bound to a notice (seed 002): an instance provisioned
 * from onNotice for the request the notice announces takes no other work;
 * when that request arrives it runs there if the notice named its function
 * (a hit), and otherwise the instance is unbound into its pool and the
 * bind counted as wasted.
 */
import type { Allocation } from "../policies/types.js";
import { canTake, capacityOf, malformed, shortOf } from "./allocation.js";
import type { Binding, ClusterState } from "./cluster-state.js";
import { startOn } from "./execution-runs.js";
import type { Instance } from "./instance.js";
import { provision, settleIfFree } from "./lifecycle.js";
import { enqueue, pullWork, waitingEntry } from "./queueing.js";
import { reject } from "./rejections.js";
import type { WorkRequest } from "./request.js";

export function provisionForNotice(
  m: ClusterState,
  poolId: string,
  typeName: string,
  count: number,
  alloc: Allocation | null | undefined,
): void {
  if (alloc === null) return;
  const r = m.noticing;
  if (!r) throw new Error(`policy ${m.opts.policyName} provisioned for a notice outside onNotice`);
  const type = m.opts.catalog.get(typeName);
  const why = alloc && type ? (malformed(alloc) ?? shortOf(alloc, capacityOf(type))) : null;
  if (why) return reject(m, "provision", `allocation for the notice of request ${r.id}: ${why}`);
  const first = m.nextInstanceId;
  provision(m, poolId, typeName, count, false, undefined);
  if (m.bindings.has(r.id)) return reject(m, "provision", `request ${r.id} is already bound`);
  const instance = m.instancesById.get(first)!;
  instance.bound = true;
  const functionId = r.noticeFunctionId ?? r.functionId;
  m.bindings.set(r.id, { instance, functionId, alloc: alloc ?? null });
}

/**
 * The binding of an arriving request, taken out: returned on a hit; on a
 * miss (wrong function, or the instance ended) its instance joins its
 * pool's work and null is returned.
 */
export function takeBinding(m: ClusterState, request: WorkRequest): Binding | null {
  const b = m.bindings.get(request.id);
  if (!b) return null;
  m.bindings.delete(request.id);
  const inst = b.instance;
  inst.bound = false;
  const alive = inst.state !== "terminated" && inst.state !== "draining";
  const a = m.metrics.allocs();
  if (alive && b.functionId === request.functionId) {
    a.bindsHit++;
    return b;
  }
  a.bindsWasted++;
  a.bindsWastedCostUsd += boundCostUsd(inst, m.scheduler.now);
  if (alive && inst.state !== "booting") {
    pullWork(m, inst);
    settleIfFree(m, inst);
  }
  return null;
}

/** Runs a request on the instance bound to it: at once, after its boot, or when room frees. */
export function runBound(m: ClusterState, request: WorkRequest, b: Binding): void {
  const inst: Instance = b.instance;
  if (inst.state === "booting") {
    inst.pool.hold(waitingEntry(m, request, inst.pool, 0, NaN, false, b.alloc), inst);
  } else if (canTake(inst, b.alloc)) {
    startOn(m, request, inst, 0, NaN, false, b.alloc);
  } else {
    enqueue(m, request, inst.pool, 0, NaN, false, b.alloc);
  }
}

/**
 * The price of an instance over the time it was bound, from its start to
 * `untilS` or its end: what a wrong notice cost. Per-allocation capacity
 * bills only running allocations, so a bound one cost nothing.
 */
function boundCostUsd(inst: Instance, untilS: number): number {
  const endS = Number.isNaN(inst.terminatedAtS) ? untilS : Math.min(untilS, inst.terminatedAtS);
  return (Math.max(0, endS - inst.requestedAtS) * inst.type.usdPerHour) / 3600;
}
