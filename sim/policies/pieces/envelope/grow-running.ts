/**
 * The adjustment during execution: a running request whose memory peak
 * nears its limit, or that has run past its envelope's execution time,
 * gets a larger allocation in place, within its instance's free capacity.
 */
import type { Action, Allocation, FleetView, UsageSample } from "../../types.js";

export interface GrowRule {
  /** Grow memory when the peak reaches this share of the limit. */
  readonly memoryAt: number;
  /** Multiply the limit by this. */
  readonly memoryFactor: number;
  /** Execution time past which CPU doubles (none: never). */
  readonly slowAfterS: number | null;
  readonly maxCpu: number;
}

export function growRunning(
  sample: UsageSample,
  fleet: FleetView,
  pool: string,
  rule: GrowRule,
): Action | null {
  const inst = fleet.instances(pool).find((i) => i.id === sample.instanceId);
  const held = inst?.allocations.find((a) => a.requestId === sample.request.id);
  if (!inst || !held) return null;
  let memMiB = held.memMiB;
  let vcpu = held.vcpu;
  if (sample.peakMemMiB >= rule.memoryAt * sample.memLimitMiB)
    memMiB = Math.min(Math.ceil(held.memMiB * rule.memoryFactor), held.memMiB + inst.free.memMiB);
  if (rule.slowAfterS !== null && sample.elapsedS > rule.slowAfterS)
    vcpu = Math.min(rule.maxCpu, held.vcpu * 2, held.vcpu + inst.free.vcpu);
  if (memMiB <= held.memMiB && vcpu <= held.vcpu) return null;
  const allocation: Allocation = {
    vcpu: Math.max(vcpu, held.vcpu),
    memMiB: Math.max(memMiB, held.memMiB),
    ...(held.gpus > 0 ? { gpus: held.gpus } : {}),
  };
  return { kind: "resizeAllocation", requestId: sample.request.id, allocation };
}
