/**
 * The profile a request runs in: the one its client asked for when that is
 * grantable and available (seed 000: "subject to availability and cost"),
 * else the table's for its complexity score, moved down the table's ladder
 * to one the instance type can hold; a retry after running out of memory
 * gets the first profile larger than the memory it ran out of.
 */
import type { FleetView, ProfileView, RequestView, TypeView } from "../types.js";
import type { ComplexityTableConfig } from "./config.js";
import { allocationOf, fitsType, POOL, roomFor } from "./placement.js";
import { ladder, profileForScore } from "./table.js";

export interface Choice {
  readonly profile: ProfileView;
  /** The client's request was granted. */
  readonly granted: boolean;
}

function tableProfile(c: ComplexityTableConfig, r: RequestView, fleet: FleetView, type: TypeView) {
  const score = r.features?.[c.scoreFeature];
  const name = typeof score === "number" ? profileForScore(c.table, score) : c.unscored;
  const steps = ladder(c.table);
  const at = Math.max(0, steps.indexOf(name));
  const want = fleet.profile(name);
  if (want && fitsType(want, type)) return want;
  for (let i = at; i >= 0; i--) {
    const p = fleet.profile(steps[i]!);
    if (p && fitsType(p, type)) return p;
  }
  // A fleet that names none of the table's profiles (or none that fits): no allocation.
  return undefined;
}

function retryProfile(
  c: ComplexityTableConfig,
  fleet: FleetView,
  type: TypeView,
  ranOutAtMiB: number,
): ProfileView | undefined {
  for (const name of ladder(c.table)) {
    const p = fleet.profile(name);
    if (p && p.memMiB > ranOutAtMiB && fitsType(p, type)) return p;
  }
  return undefined;
}

function grantable(c: ComplexityTableConfig, fleet: FleetView, type: TypeView, name: string) {
  if (c.grantable && !c.grantable.includes(name)) return undefined;
  const p = fleet.profile(name);
  if (!p || !fitsType(p, type)) return undefined;
  // Available: room on the fleet now, or the fleet may still grow.
  const room = roomFor(fleet, allocationOf(p)) !== undefined;
  return room || fleet.instances(POOL).length < c.maxInstances ? p : undefined;
}

export function chooseProfile(
  c: ComplexityTableConfig,
  r: RequestView,
  fleet: FleetView,
  type: TypeView,
): Choice | undefined {
  if (r.outOfMemoryAtMiB !== undefined) {
    const p = retryProfile(c, fleet, type, r.outOfMemoryAtMiB);
    if (p) return { profile: p, granted: false };
  }
  if (r.requestedProfile !== undefined) {
    const p = grantable(c, fleet, type, r.requestedProfile);
    if (p) return { profile: p, granted: true };
  }
  const p = tableProfile(c, r, fleet, type);
  return p ? { profile: p, granted: false } : undefined;
}
