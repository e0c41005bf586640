/**
 * Billing as it happens: a ledger segment per VM instance (a resize opens a
 * new one), FaaS executions billed as they end, idle cost and slot time
 * settled when an instance ends; the bill re-derived from the ledger at the
 * end of the run.
 */
import type { Resources } from "../policies/types.js";
import {
  allocationCostUsd,
  billedAllocationS,
  billedExecutionS,
  executionCostUsd,
  instanceCostUsd,
} from "./billing.js";
import type { InstanceType } from "./catalog/types.js";
import type { ClusterState } from "./cluster-state.js";
import type { Instance } from "./instance.js";
import { checkBill, type LedgerEntry } from "./invariants.js";
import type { RunSummary } from "./summary.js";

/** Opens an instance's billing segment at `nowS` (at its request, or a resize); none for FaaS. */
export function openSegment(
  m: ClusterState,
  inst: Instance,
  type: InstanceType,
  nowS: number,
): void {
  if (!billsLife(type)) return;
  const entry: LedgerEntry = { type, requestedAtS: nowS, endS: NaN };
  m.ledger.push(entry);
  m.ledgerOf.set(inst, entry);
}

/** Bills one FaaS execution of `durationS`. */
export function billExecution(m: ClusterState, type: InstanceType, durationS: number): void {
  m.metrics.addCost(type.name, executionCostUsd(type.billing, type.memMiB, durationS));
  let u = m.faasUsage.get(type.name);
  if (!u) m.faasUsage.set(type.name, (u = { executions: 0, billedS: 0 }));
  u.executions++;
  u.billedS += billedExecutionS(type.billing, durationS);
}

/**
 * Bills one stretch of an allocation on container capacity, `durationS`
 * long; `start` when it is the allocation's first, which the minimum covers.
 */
export function billAllocation(
  m: ClusterState,
  type: InstanceType,
  held: Resources,
  durationS: number,
  start: boolean,
): void {
  const billedS = billedAllocationS(type.billing, durationS, start);
  m.metrics.addCost(type.name, allocationCostUsd(type.billing, held.vcpu, held.memMiB, billedS));
  let u = m.allocationUsage.get(type.name);
  if (!u) m.allocationUsage.set(type.name, (u = { vcpuS: 0, gbS: 0 }));
  u.vcpuS += billedS * held.vcpu;
  u.gbS += (billedS * held.memMiB) / 1024;
}

/** Whether an instance's life is billed (VMs), not its executions (FaaS) or allocations (containers). */
function billsLife(type: InstanceType): boolean {
  return type.billing.kind === "per-second" || type.billing.kind === "hourly";
}

/** Bills an instance's life up to `endS` and adds its slot time to utilization. */
export function settleInstance(m: ClusterState, inst: Instance, endS: number): void {
  inst.settle(endS);
  const metrics = m.metrics;
  const readyFrom = Math.max(inst.readyAtS, inst.billedSinceS);
  const busy = inst.busySlotSeconds - inst.busyAtBilledSince;
  metrics.busySlotSeconds += busy;
  metrics.readySlotSeconds += Number.isNaN(readyFrom) ? 0 : (endS - readyFrom) * inst.slots;
  const type = inst.type;
  if (!billsLife(type)) return;
  const usd = instanceCostUsd(type.billing, type.usdPerHour, endS - inst.billedSinceS);
  metrics.addCost(type.name, usd);
  const aliveSlotS = (endS - inst.billedSinceS) * inst.slots;
  metrics.idleCostUsd += aliveSlotS > 0 ? usd * Math.max(0, 1 - busy / aliveSlotS) : usd;
  m.ledgerOf.get(inst)!.endS = endS;
}

/** The bill of the summary, re-derived from the ledger and the FaaS usage; throws if they differ. */
export function checkLedger(m: ClusterState, summary: RunSummary): void {
  checkBill(summary, m.ledger, m.faasUsage, m.opts.catalog, m.allocationUsage);
}
