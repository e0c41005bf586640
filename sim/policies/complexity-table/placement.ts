/**
 * Where a profile's allocation goes on the fleet: best fit on an instance
 * with room now; else the pool's line, adding an instance when the line is
 * longer than the booting ones will take (as a cluster autoscaler adds
 * nodes for pending pods).
 */
import { bestFit } from "../pieces/best-fit.js";
import type { Action, Allocation, FleetView, ProfileView, TypeView } from "../types.js";

export const POOL = "default";

export function allocationOf(p: ProfileView): Allocation {
  return { vcpu: p.vcpu, memMiB: p.memMiB, gpus: p.gpus, networkMbps: p.networkMbps };
}

/** Whether one instance of `type`, empty, could hold the profile. */
export function fitsType(p: ProfileView, type: TypeView): boolean {
  return (
    p.vcpu <= type.vcpu + 1e-9 &&
    p.memMiB <= type.memMiB + 1e-9 &&
    p.gpus <= type.gpus &&
    p.networkMbps <= type.networkMbps + 1e-9
  );
}

/** The instance with room for `a` now, best fit (optionally not `exclude`), or undefined. */
export function roomFor(fleet: FleetView, a: Allocation, exclude?: number) {
  const instances = fleet.instances(POOL).filter((i) => i.id !== exclude);
  return bestFit(instances, a, (i) => fleet.type(i.typeName)!);
}

/** The actions that place `profile` for the arriving request. */
export function placeProfile(
  fleet: FleetView,
  profile: ProfileView,
  type: TypeView,
  maxInstances: number,
  concurrency: number,
): Action[] {
  const a = allocationOf(profile);
  const fit = roomFor(fleet, a);
  if (fit) return [{ kind: "place", instanceId: fit.id, profile: profile.name }];
  const instances = fleet.instances(POOL);
  const booting = instances.filter((i) => i.state === "booting");
  const pool = fleet.pool(POOL)!;
  const perInstance = Math.max(
    1,
    Math.min(concurrency, Math.floor(type.vcpu / a.vcpu), Math.floor(type.memMiB / a.memMiB)),
  );
  const actions: Action[] = [];
  if (pool.queueLength + 1 > booting.length * perInstance && instances.length < maxInstances)
    actions.push({ kind: "provision", pool: POOL, type: type.name, count: 1 });
  // Waits in the line; any instance with room takes it.
  const anchor = booting[0] ?? instances.at(-1);
  if (anchor) actions.push({ kind: "place", instanceId: anchor.id, profile: profile.name });
  return actions;
}
