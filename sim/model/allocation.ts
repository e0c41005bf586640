/**
 * Packing of allocations (containers with limits) on an instance: the
 * instance's capacity (its type's vCPU, memory, GPUs and bandwidth) less
 * what its running requests hold. A request started without an allocation
 * holds the instance's equal share (type / slots): slots are the special
 * case of equal allocations.
 */
import type { Allocation, AllocationView, Resources } from "../policies/types.js";
import type { InstanceType } from "./catalog/types.js";
import type { Instance } from "./instance.js";
import type { Running } from "./running.js";

/** Relative slack of the capacity checks: shares summed back may exceed the whole by rounding. */
const SLACK = 1e-9;

export function capacityOf(type: InstanceType): Resources {
  return { vcpu: type.vcpu, memMiB: type.memMiB, gpus: type.gpus, networkMbps: type.networkMbps };
}

/** One slot's equal share of an instance. */
export function shareOf(type: InstanceType, slots: number): Resources {
  return {
    vcpu: type.vcpu / slots,
    memMiB: type.memMiB / slots,
    gpus: type.gpus / slots,
    networkMbps: type.networkMbps / slots,
  };
}

/** An allocation's amounts, absent ones 0. */
export function resourcesOf(a: Allocation): Resources {
  return { vcpu: a.vcpu, memMiB: a.memMiB, gpus: a.gpus ?? 0, networkMbps: a.networkMbps ?? 0 };
}

/** What a run holds: its allocation, or its slot's share. */
export function heldBy(run: Running): Resources {
  const a = run.alloc;
  return a ? resourcesOf(a) : shareOf(run.instance.type, run.instance.slots);
}

/** Capacity less what the running requests hold (never below 0 in a checked run). */
export function freeOf(inst: Instance): Resources {
  const t = inst.type;
  // Requests without an allocation hold a slot's share each.
  const shares = inst.running.length - inst.allocatedRuns;
  let vcpu = t.vcpu - (shares * t.vcpu) / inst.slots;
  let memMiB = t.memMiB - (shares * t.memMiB) / inst.slots;
  let gpus = t.gpus - (shares * t.gpus) / inst.slots;
  let networkMbps = t.networkMbps - (shares * t.networkMbps) / inst.slots;
  if (inst.allocatedRuns > 0) {
    for (const run of inst.running) {
      const a = run.alloc;
      if (!a) continue;
      vcpu -= a.vcpu;
      memMiB -= a.memMiB;
      gpus -= a.gpus ?? 0;
      networkMbps -= a.networkMbps ?? 0;
    }
  }
  return { vcpu, memMiB, gpus, networkMbps };
}

function over(need: number, got: number): boolean {
  return need > got + SLACK * Math.max(1, Math.abs(got));
}

/** The first resource `want` needs more of than `have` gives, or null when it fits. */
export function shortOf(want: Allocation | Resources, have: Resources): string | null {
  if (fitsIn(want, have.vcpu, have.memMiB, have.gpus, have.networkMbps)) return null;
  if (over(want.vcpu, have.vcpu)) return `vCPU (${want.vcpu} asked, ${round(have.vcpu)} there)`;
  if (over(want.memMiB, have.memMiB))
    return `memory (${want.memMiB} MiB asked, ${round(have.memMiB)} MiB there)`;
  if (over(want.gpus ?? 0, have.gpus))
    return `GPUs (${want.gpus} asked, ${round(have.gpus)} there)`;
  return `bandwidth (${want.networkMbps} Mbps asked, ${round(have.networkMbps)} Mbps there)`;
}

function fitsIn(
  want: Allocation | Resources,
  vcpu: number,
  memMiB: number,
  gpus: number,
  networkMbps: number,
): boolean {
  return !(
    over(want.vcpu, vcpu) ||
    over(want.memMiB, memMiB) ||
    over(want.gpus ?? 0, gpus) ||
    over(want.networkMbps ?? 0, networkMbps)
  );
}

/** Whether an instance in service has a free slot and room for `alloc` (null: a slot's share). */
export function canTake(inst: Instance, alloc: Allocation | null): boolean {
  if (inst.freeSlots <= 0) return false;
  // With only equal shares on it, a free slot has its share free.
  if (alloc === null && inst.allocatedRuns === 0) return true;
  const free = freeOf(inst);
  if (alloc) return fitsIn(alloc, free.vcpu, free.memMiB, free.gpus, free.networkMbps);
  return shortOf(shareOf(inst.type, inst.slots), free) === null;
}

/** Checks that an allocation is well formed; the reason it is not, or null. */
export function malformed(a: Allocation): string | null {
  if (!(a.vcpu > 0 && a.vcpu < Infinity)) return "its vCPU must be a positive number";
  if (!(a.memMiB > 0 && a.memMiB < Infinity)) return "its memory must be a positive number";
  if (a.gpus !== undefined && !(a.gpus >= 0 && a.gpus < Infinity))
    return "its GPUs must be a number of at least 0";
  if (a.networkMbps !== undefined && !(a.networkMbps >= 0 && a.networkMbps < Infinity))
    return "its bandwidth must be a number of at least 0";
  return null;
}

/** Whether an allocation can ever fit on a type. */
export function fitsType(a: Allocation, t: InstanceType): boolean {
  return fitsIn(a, t.vcpu, t.memMiB, t.gpus, t.networkMbps);
}

/** The allocation of each running request, as a policy sees it. */
export function allocationViews(inst: Instance): AllocationView[] {
  return inst.running.map((run) => ({ requestId: run.request.id, ...heldBy(run) }));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Why the running requests of `inst` would not fit on `type` (an in-place resize), or null. */
export function overflowOn(inst: Instance, type: InstanceType): string | null {
  if (inst.allocatedRuns === 0) return null;
  const share = shareOf(type, inst.slots);
  let vcpu = 0;
  let memMiB = 0;
  let gpus = 0;
  let networkMbps = 0;
  for (const run of inst.running) {
    const h = run.alloc ? heldBy(run) : share;
    vcpu += h.vcpu;
    memMiB += h.memMiB;
    gpus += h.gpus;
    networkMbps += h.networkMbps;
  }
  return shortOf({ vcpu, memMiB, gpus, networkMbps }, capacityOf(type));
}

/** An upgrade's target, if it can take the request in its allocation on landing. */
export function landingOn(target: Instance, alloc: Allocation | null): Instance | undefined {
  if (target.state === "terminated" || target.state === "draining") return undefined;
  return canTake(target, alloc) ? target : undefined;
}
