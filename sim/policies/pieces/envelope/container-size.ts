/**
 * The container a request gets inside its envelope: memory for the upper
 * end of its memory range times the margin; CPU for the upper end of its
 * CPU-seconds to run within the service target, times the margin (work is
 * taken as serial: the profile does not say how parallel it is). With no
 * envelope, the default container times the margin. A retry after running
 * out of memory gets at least half as much again as the limit it outgrew.
 */
import type { Allocation } from "../../types.js";
import type { ResourceEnvelope } from "./envelope-of.js";

export interface SizeLimits {
  readonly minCpu: number;
  readonly maxCpu: number;
  readonly minMemMiB: number;
  readonly maxMemMiB: number;
  /** Execution time a container is sized for. */
  readonly serviceTargetS: number;
  readonly defaultCpu: number;
  readonly defaultMemMiB: number;
}

/** Millicores as Kubernetes counts them, and MiB: whole units keep packing exact. */
const roundCpu = (v: number) => Math.ceil(v * 1000 - 1e-6) / 1000;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export function containerSize(
  env: ResourceEnvelope | null,
  margin: number,
  limits: SizeLimits,
  outOfMemoryAtMiB?: number,
): Allocation {
  const wantCpu = env
    ? (env.cpuSeconds[1] * margin) / limits.serviceTargetS
    : limits.defaultCpu * margin;
  let wantMem = env ? env.peakMemMiB[1] * margin : limits.defaultMemMiB * margin;
  if (outOfMemoryAtMiB !== undefined) wantMem = Math.max(wantMem, outOfMemoryAtMiB * 1.5);
  return {
    vcpu: roundCpu(clamp(wantCpu, limits.minCpu, limits.maxCpu)),
    memMiB: Math.ceil(clamp(wantMem, limits.minMemMiB, limits.maxMemMiB)),
  };
}
