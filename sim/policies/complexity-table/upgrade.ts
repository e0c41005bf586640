/**
 * The upgrade a usage sample calls for, to the next profile of the table's
 * ladder: in place when the request's own instance has the room (a resize
 * keeps its work and moves nothing), else on another instance with room
 * (best fit). Memory that outgrows its limit will kill the request, so for
 * memory it may also go to a booting instance, or have one added (the next
 * sample moves it there); a request merely running long is not worth a
 * boot, and waits for room instead.
 */
import type {
  Action,
  FleetView,
  InstanceView,
  ProfileView,
  TypeView,
  UsageSample,
} from "../types.js";
import type { ComplexityTableConfig } from "./config.js";
import { allocationOf, fitsType, POOL, roomFor } from "./placement.js";
import type { Outgrown } from "./re-evaluate.js";
import { nextProfile } from "./table.js";

export interface UpgradeStep {
  readonly actions: readonly Action[];
  /** The profile the request now runs in, when it moved or grew. */
  readonly movedTo?: string;
}

/** Whether `next` fits where the request's allocation of `held` is, that share freed. */
function roomInPlace(inst: InstanceView, requestId: number, next: ProfileView): boolean {
  if (inst.state !== "busy" && inst.state !== "idle") return false;
  const held = inst.allocations.find((a) => a.requestId === requestId);
  if (!held) return false;
  const f = inst.free;
  return (
    next.vcpu <= f.vcpu + held.vcpu + 1e-9 &&
    next.memMiB <= f.memMiB + held.memMiB + 1e-9 &&
    next.gpus <= f.gpus + held.gpus + 1e-9 &&
    next.networkMbps <= f.networkMbps + held.networkMbps + 1e-9
  );
}

export function upgradeStep(
  c: ComplexityTableConfig,
  sample: UsageSample,
  current: string,
  why: Exclude<Outgrown, null>,
  fleet: FleetView,
  type: TypeView,
): UpgradeStep {
  const name = nextProfile(c.table, current);
  const next = name === undefined ? undefined : fleet.profile(name);
  if (!next || !fitsType(next, type)) return { actions: [] };
  const requestId = sample.request.id;
  const instances = fleet.instances(POOL);
  const here = instances.find((i) => i.id === sample.instanceId);
  if (here && roomInPlace(here, requestId, next))
    return {
      actions: [{ kind: "resizeAllocation", requestId, profile: next.name }],
      movedTo: next.name,
    };
  const move = (instanceId: number): UpgradeStep => ({
    actions: [{ kind: "upgrade", requestId, instanceId, profile: next.name, mode: c.upgradeMode }],
    movedTo: next.name,
  });
  const fit = roomFor(fleet, allocationOf(next), sample.instanceId);
  if (fit) return move(fit.id);
  if (why !== "memory") return { actions: [] };
  const booting = instances.find((i) => i.state === "booting");
  if (booting) return move(booting.id);
  if (instances.length >= c.maxInstances) return { actions: [] };
  return { actions: [{ kind: "provision", pool: POOL, type: type.name, count: 1 }] };
}
