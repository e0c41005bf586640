/**
 * The billing rules, as pure functions of what was used. Each is the
 * provider's published rule; see catalog/types.ts.
 */
import type { Resources } from "../policies/types.js";
import type { BillingRule, InstanceType } from "./catalog/types.js";

/** Cost of one instance alive for `aliveS` seconds (VM rules). */
export function instanceCostUsd(rule: BillingRule, usdPerHour: number, aliveS: number): number {
  switch (rule.kind) {
    case "per-second":
      return (Math.max(aliveS, rule.minimumS) * usdPerHour) / 3600;
    case "hourly":
      // A started hour is billed whole; a start is at least one hour.
      return Math.max(1, Math.ceil(aliveS / 3600)) * usdPerHour;
    case "per-request":
    case "per-allocation":
      return 0;
  }
}

/** Seconds billed for one allocation's stretch of `durationS`: at least the minimum on a start. */
export function billedAllocationS(rule: BillingRule, durationS: number, start: boolean): number {
  if (rule.kind !== "per-allocation") return 0;
  return start ? Math.max(durationS, rule.minimumS) : durationS;
}

/** Cost of one allocation of `vcpu` and `memMiB` billed for `billedS` (container rule). */
export function allocationCostUsd(
  rule: BillingRule,
  vcpu: number,
  memMiB: number,
  billedS: number,
): number {
  if (rule.kind !== "per-allocation") return 0;
  return (billedS * (vcpu * rule.usdPerVcpuHour + (memMiB / 1024) * rule.usdPerGbHour)) / 3600;
}

/** Seconds billed for one execution: its duration rounded up to the rule's increment. */
export function billedExecutionS(rule: BillingRule, durationS: number): number {
  if (rule.kind !== "per-request") return 0;
  // The small tolerance keeps 0.1 s from billing as 101 increments of 1 ms.
  return Math.ceil(durationS / rule.incrementS - 1e-9) * rule.incrementS;
}

/**
 * What one execution of `durationS` on an instance of `type` with `slots`
 * slots costs: its FaaS bill, or its slot's share of the VM's hourly price.
 */
export function executionShareUsd(
  type: { readonly billing: BillingRule; readonly memMiB: number; readonly usdPerHour: number },
  slots: number,
  durationS: number,
): number {
  if (type.billing.kind === "per-request")
    return executionCostUsd(type.billing, type.memMiB, durationS);
  return (type.usdPerHour * durationS) / 3600 / slots;
}

/** Cost of one execution of `durationS` with `memMiB` configured (FaaS rule). */
export function executionCostUsd(rule: BillingRule, memMiB: number, durationS: number): number {
  if (rule.kind !== "per-request") return 0;
  return (
    billedExecutionS(rule, durationS) * (memMiB / 1024) * rule.usdPerGbSecond + rule.usdPerRequest
  );
}

/**
 * What an allocation costs per hour: on container capacity, its size at the
 * container rates; on a VM, its share of the VM's price,
 * by its dominant resource (the share of vCPU, memory or GPUs it holds,
 * whichever is largest), since that much of the VM is not available to others.
 */
export function allocationUsdPerHour(type: InstanceType, held: Resources, _slots: number): number {
  const rule = type.billing;
  if (rule.kind === "per-allocation")
    return held.vcpu * rule.usdPerVcpuHour + (held.memMiB / 1024) * rule.usdPerGbHour;
  const share = Math.max(
    held.vcpu / type.vcpu,
    held.memMiB / type.memMiB,
    type.gpus > 0 ? held.gpus / type.gpus : 0,
  );
  return type.usdPerHour * share;
}
