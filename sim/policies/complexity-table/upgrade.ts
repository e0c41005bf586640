/**
 * The upgrade a usage sample calls for: to the next profile of the table's
 * ladder, on another instance with room (best fit), or on one booting; with
 * none, an instance is added and the next sample moves the request there.
 */
import type { Action, FleetView, TypeView, UsageSample } from "../types.js";
import type { ComplexityTableConfig } from "./config.js";
import { allocationOf, fitsType, POOL, roomFor } from "./placement.js";
import { nextProfile } from "./table.js";

export interface UpgradeStep {
  readonly actions: readonly Action[];
  /** The profile the request now runs in, when it moved. */
  readonly movedTo?: string;
}

export function upgradeStep(
  c: ComplexityTableConfig,
  sample: UsageSample,
  current: string,
  fleet: FleetView,
  type: TypeView,
): UpgradeStep {
  const name = nextProfile(c.table, current);
  const next = name === undefined ? undefined : fleet.profile(name);
  if (!next || !fitsType(next, type)) return { actions: [] };
  const requestId = sample.request.id;
  const move = (instanceId: number): UpgradeStep => ({
    actions: [{ kind: "upgrade", requestId, instanceId, profile: next.name, mode: c.upgradeMode }],
    movedTo: next.name,
  });
  const fit = roomFor(fleet, allocationOf(next), sample.instanceId);
  if (fit) return move(fit.id);
  const instances = fleet.instances(POOL);
  const booting = instances.find((i) => i.state === "booting");
  if (booting) return move(booting.id);
  if (instances.length >= c.maxInstances) return { actions: [] };
  return { actions: [{ kind: "provision", pool: POOL, type: type.name, count: 1 }] };
}
