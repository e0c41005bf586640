/**
 * How long a request runs. CPU work follows Amdahl's law on the cores it
 * holds (a slot's share, or its allocation's vCPU); the serial part gets at
 * most one core. A GPU held divides the compute time by the request's GPU
 * speed-up. Its IO (bytes read and written) then moves at the bandwidth it
 * holds, after the compute: IO and compute do not overlap, a conservative
 * bound. A slot is an allocation of the type's equal share of vCPU and
 * memory with no bandwidth of its own, as an allocation that names none.
 */
import type { Allocation } from "../policies/types.js";
import type { InstanceType } from "./catalog/types.js";
import type { Demand } from "./request.js";

export function coresPerSlot(type: InstanceType, slots: number): number {
  return type.vcpu / slots;
}

/** Compute seconds on `cores`, with or without a GPU. */
export function computeSeconds(demand: Demand, cores: number, gpu: boolean): number {
  const p = demand.parallelFraction;
  let t = demand.cpuSeconds * ((1 - p) / Math.min(1, cores) + p / cores);
  if (gpu && demand.gpuSpeedup > 1) t /= demand.gpuSpeedup;
  return t;
}

/** Seconds the request's IO takes at `mbps` (0 without IO). */
export function ioSeconds(demand: Demand, mbps: number): number {
  const bytes = (demand.ioReadBytes ?? 0) + (demand.ioWriteBytes ?? 0);
  return bytes > 0 ? (bytes * 8) / (mbps * 1e6) : 0;
}

/** On one of `slots` equal slots of the type: its share of the cores, the instance's bandwidth. */
export function serviceSeconds(demand: Demand, type: InstanceType, slots: number): number {
  const compute = computeSeconds(demand, coresPerSlot(type, slots), type.gpus > 0);
  return compute + ioSeconds(demand, type.networkMbps);
}

/** In an allocation on an instance of the type (no bandwidth of its own: the instance's). */
export function allocatedSeconds(demand: Demand, a: Allocation, type: InstanceType): number {
  const compute = computeSeconds(demand, a.vcpu, (a.gpus ?? 0) > 0 && type.gpus > 0);
  return compute + ioSeconds(demand, a.networkMbps || type.networkMbps);
}

/** Memory one slot may use before the request is killed. */
export function memPerSlotMiB(type: InstanceType, slots: number): number {
  return type.memMiB / slots;
}

/** Memory a run may use: its allocation's, else its slot's. */
export function limitMiBOf(a: Allocation | null, type: InstanceType, slots: number): number {
  return a ? a.memMiB : memPerSlotMiB(type, slots);
}
