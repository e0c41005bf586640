/**
 * How long a request runs on an instance. CPU work follows Amdahl's law on
 * the cores of one slot; the serial part gets at most one core. A GPU
 * instance divides the time by the request's GPU speed-up.
 */
import type { InstanceType } from "./catalog/types.js";
import type { Demand } from "./request.js";

export function coresPerSlot(type: InstanceType, slots: number): number {
  return type.vcpu / slots;
}

export function serviceSeconds(demand: Demand, type: InstanceType, slots: number): number {
  const cores = coresPerSlot(type, slots);
  const p = demand.parallelFraction;
  let t = demand.cpuSeconds * ((1 - p) / Math.min(1, cores) + p / cores);
  if (type.gpus > 0 && demand.gpuSpeedup > 1) t /= demand.gpuSpeedup;
  return t;
}

/** Memory one slot may use before the request is killed. */
export function memPerSlotMiB(type: InstanceType, slots: number): number {
  return type.memMiB / slots;
}
