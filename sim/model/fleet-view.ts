/**
 * The fleet as a policy sees it: each call copies what it reads out of the
 * live pools into plain data (policies/types.ts FleetView), so a policy
 * never holds a model object and the same answers come from JSON in
 * production (policies/fleet-data.ts).
 */
import type {
  AllocationView,
  FleetView,
  InstanceView,
  PoolView,
  Resources,
  TypeView,
} from "../policies/types.js";
import { allocationViews, capacityOf, freeOf } from "./allocation.js";
import type { InstanceType } from "./catalog/types.js";
import type { Instance } from "./instance.js";
import type { Pool } from "./pool.js";
import type { Profiles } from "./profiles.js";

const NONE: readonly number[] = Object.freeze([]);
const NO_ALLOCATIONS: readonly AllocationView[] = Object.freeze([]);

// An instance running nothing has its type's whole capacity free (every idle
// call of a FaaS run asks): one frozen copy per type, as type views are.
const wholeCapacity = new WeakMap<InstanceType, Resources>();

function freeView(inst: Instance): Resources {
  if (inst.running.length > 0) return freeOf(inst);
  let whole = wholeCapacity.get(inst.type);
  if (!whole) wholeCapacity.set(inst.type, (whole = Object.freeze(capacityOf(inst.type))));
  return whole;
}

export function instanceView(inst: Instance): InstanceView {
  return {
    id: inst.id,
    pool: inst.pool.id,
    typeName: inst.type.name,
    state: inst.state,
    runningRequestIds: inst.running.length ? inst.running.map((r) => r.request.id) : NONE,
    slots: inst.slots,
    busySlots: inst.busySlots,
    freeSlots: inst.freeSlots,
    requestedAtS: inst.requestedAtS,
    readyAtS: Number.isNaN(inst.readyAtS) ? null : inst.readyAtS,
    idleSinceS: Number.isNaN(inst.idleSinceS) ? null : inst.idleSinceS,
    free: freeView(inst),
    allocations: inst.running.length ? allocationViews(inst) : NO_ALLOCATIONS,
  };
}

export function poolView(pool: Pool, nowS: number): PoolView {
  return {
    id: pool.id,
    functionId: pool.functionId,
    routing: pool.routing,
    concurrency: pool.concurrency,
    queueLength: pool.queueLength,
    booting: pool.booting,
    ready: pool.ready,
    draining: pool.draining,
    idle: pool.idle,
    busySlots: pool.busySlots,
    freeSlots: pool.freeSlots,
    bootingSlots: pool.bootingSlots,
    busySlotSeconds: pool.busySlotSecondsAt(nowS),
    readySlotSeconds: pool.readySlotSecondsAt(nowS),
  };
}

/** A view over the run's pools; the clock is read at each call. */
export function modelFleet(
  pools: ReadonlyMap<string, Pool>,
  types: ReadonlyMap<string, TypeView>,
  profiles: Profiles,
  now: () => number,
): FleetView {
  const typeNames = [...types.keys()];
  const profileNames = [...profiles.keys()];
  return {
    get nowS() {
      return now();
    },
    poolIds: () => [...pools.keys()],
    pool(id) {
      const p = pools.get(id);
      return p ? poolView(p, now()) : undefined;
    },
    instances: (id) => pools.get(id)?.instances.map(instanceView) ?? [],
    typeNames: () => typeNames.slice(),
    type: (name) => types.get(name),
    profileNames: () => profileNames.slice(),
    profile: (name) => profiles.get(name),
  };
}
