/**
 * A fleet observation as plain JSON, and the FleetView over it: what
 * `sim serve` receives and what a recorded run replays. The model's view
 * and this one answer every question alike (test/policies/contract.test.ts).
 */
import type { FleetView, InstanceView, PoolView, ProfileView, TypeView } from "./types.js";

export interface PoolData extends PoolView {
  readonly instances: readonly InstanceView[];
}

export interface FleetData {
  readonly nowS: number;
  /** Pools in the order they were made. */
  readonly pools: readonly PoolData[];
  readonly types: readonly TypeView[];
  /** The scenario's resource profiles (none when absent). */
  readonly profiles?: readonly ProfileView[];
}

/** Reads every part of a view into plain data. */
export function fleetToData(fleet: FleetView): FleetData {
  return {
    nowS: fleet.nowS,
    pools: fleet.poolIds().map((id) => ({ ...fleet.pool(id)!, instances: fleet.instances(id) })),
    types: fleet.typeNames().map((name) => fleet.type(name)!),
    profiles: fleet.profileNames().map((name) => fleet.profile(name)!),
  };
}

/** A view over plain data, answering with copies as the model's view does. */
export function fleetFromData(data: FleetData): FleetView {
  const pools = new Map(data.pools.map((p) => [p.id, p]));
  const types = new Map(data.types.map((t) => [t.name, t]));
  const profiles = new Map((data.profiles ?? []).map((p) => [p.name, p]));
  return {
    nowS: data.nowS,
    poolIds: () => data.pools.map((p) => p.id),
    pool(id) {
      const p = pools.get(id);
      if (!p) return undefined;
      const { instances: _, ...view } = p;
      return view;
    },
    instances: (id) => (pools.get(id)?.instances ?? []).map((i) => ({ ...i })),
    typeNames: () => data.types.map((t) => t.name),
    type: (name) => types.get(name),
    profileNames: () => [...profiles.keys()],
    profile: (name) => profiles.get(name),
  };
}
