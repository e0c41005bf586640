/**
 * Seed 002's Dynamic Adjustment Module: watch the first seconds of a
 * request's execution and scale a resource whose use deviates from the
 * prediction. Memory use can pass the prediction (its limit sits above it),
 * so it deviates when use exceeds `trigger` x predicted. CPU and network
 * use cannot pass their allocation: a sample interval in which the request
 * used `saturation` of it or more (it was throttled) stands for "use above
 * the prediction". Either way the resource goes to `scale` x predicted,
 * within what the instance has free, once per resource.
 */
import type { Allocation, AllocationView, ProfileView, UsageSample } from "../types.js";

/** What the monitor keeps of a request between samples: plain JSON. */
export interface Watch {
  readonly profile: string;
  readonly lastS: number;
  readonly cpuSeconds: number;
  readonly ioBytes: number;
  /** Resources already scaled: "c", "m", "n". */
  readonly scaled: string;
}

export interface MonitorRule {
  readonly trigger: number;
  readonly scale: number;
  readonly saturation: number;
}

export interface Adjustment {
  readonly watch: Watch;
  /** The new allocation, or null when nothing deviates (or there is no room). */
  readonly allocation: Allocation | null;
  /** Which resources it scales. */
  readonly scaled: string;
}

const MBIT = 1e6 / 8;

export function adjust(
  rule: MonitorRule,
  watch: Watch,
  predicted: ProfileView,
  sample: UsageSample,
  current: AllocationView,
  free: { vcpu: number; memMiB: number; networkMbps: number },
): Adjustment {
  const dt = sample.elapsedS - watch.lastS;
  const ioBytes = sample.ioReadBytes + sample.ioWriteBytes;
  const next: Watch = {
    ...watch,
    lastS: sample.elapsedS,
    cpuSeconds: sample.cpuSeconds,
    ioBytes,
  };
  if (dt <= 0) return { watch: next, allocation: null, scaled: "" };
  const cpuRate = (sample.cpuSeconds - watch.cpuSeconds) / dt;
  const mbps = (ioBytes - watch.ioBytes) / dt / MBIT;
  let vcpu = current.vcpu;
  let memMiB = current.memMiB;
  let networkMbps = current.networkMbps;
  let scaled = "";
  // Each grows to `scale` x predicted, never beyond the room the instance has.
  const grow = (now: number, target: number, room: number) => Math.min(target, now + room);
  if (!watch.scaled.includes("c") && cpuRate >= rule.saturation * current.vcpu) {
    const v = grow(current.vcpu, rule.scale * predicted.vcpu, free.vcpu);
    if (v > current.vcpu + 1e-9) [vcpu, scaled] = [v, scaled + "c"];
  }
  if (!watch.scaled.includes("m") && sample.memMiB > rule.trigger * predicted.memMiB) {
    const m = grow(current.memMiB, rule.scale * predicted.memMiB, free.memMiB);
    if (m > current.memMiB + 1e-9) [memMiB, scaled] = [m, scaled + "m"];
  }
  if (
    !watch.scaled.includes("n") &&
    current.networkMbps > 0 &&
    mbps >= rule.saturation * current.networkMbps
  ) {
    const n = grow(current.networkMbps, rule.scale * predicted.networkMbps, free.networkMbps);
    if (n > current.networkMbps + 1e-9) [networkMbps, scaled] = [n, scaled + "n"];
  }
  if (scaled === "") return { watch: next, allocation: null, scaled };
  const allocation: Allocation = {
    vcpu,
    memMiB,
    ...(current.gpus > 0 ? { gpus: current.gpus } : {}),
    ...(networkMbps > 0 ? { networkMbps } : {}),
  };
  return { watch: { ...next, scaled: watch.scaled + scaled }, allocation, scaled };
}
