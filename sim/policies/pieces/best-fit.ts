/**
 * Best fit: of the instances that can take an allocation now (in service,
 * a free slot, room for it), the one it leaves least room on, measured by
 * the scarcer of vCPU and memory after placing it (their share of the
 * instance). Packing tight leaves whole instances free to take large
 * requests, and idle ones to be released.
 */
import type { Allocation, InstanceView } from "../types.js";

export function fitsNow(inst: InstanceView, a: Allocation): boolean {
  if (inst.state !== "idle" && inst.state !== "busy") return false;
  if (inst.freeSlots <= 0) return false;
  const f = inst.free;
  return (
    a.vcpu <= f.vcpu + 1e-9 &&
    a.memMiB <= f.memMiB + 1e-9 &&
    (a.gpus ?? 0) <= f.gpus + 1e-9 &&
    (a.networkMbps ?? 0) <= f.networkMbps + 1e-9
  );
}

/** The instance `a` fits best on now, or undefined when none has room. */
export function bestFit(
  instances: readonly InstanceView[],
  a: Allocation,
  capacity: (inst: InstanceView) => { vcpu: number; memMiB: number },
): InstanceView | undefined {
  let best: InstanceView | undefined;
  let bestLeft = Infinity;
  for (const inst of instances) {
    if (!fitsNow(inst, a)) continue;
    const cap = capacity(inst);
    const left = Math.min(
      (inst.free.vcpu - a.vcpu) / cap.vcpu,
      (inst.free.memMiB - a.memMiB) / cap.memMiB,
    );
    if (left < bestLeft) {
      best = inst;
      bestLeft = left;
    }
  }
  return best;
}
