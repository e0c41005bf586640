/**
 * What must hold at the end of every run, checked independently of how the
 * run counted and billed as it went. A violation means the model is wrong.
 */
import { instanceCostUsd } from "./billing.js";
import type { Catalog, InstanceType } from "./catalog/types.js";
import type { Instance } from "./instance.js";
import type { RunSummary } from "./summary.js";

export class InvariantError extends Error {
  override name = "InvariantError";
}

/** One billing segment of an instance: from request (or resize) to end. */
export interface LedgerEntry {
  readonly type: InstanceType;
  readonly requestedAtS: number;
  endS: number;
}

/** FaaS usage of one type: executions and billed seconds. */
export interface FaasUsage {
  executions: number;
  billedS: number;
}

/** Allocation usage of one container-capacity type: billed vCPU-seconds and GB-seconds. */
export interface AllocationUsage {
  vcpuS: number;
  gbS: number;
}

/** requests = completed + failed + rejected + in flight at the end. */
export function checkConservation(s: RunSummary): void {
  const ended = s.completed + s.failed + s.rejected + s.inFlightAtEnd;
  if (ended !== s.requests) {
    throw new InvariantError(
      `requests not conserved: ${s.requests} arrived, but completed ${s.completed} + failed ${s.failed} + rejected ${s.rejected} + in flight ${s.inFlightAtEnd} = ${ended}`,
    );
  }
}

/** The cost by type equals the bill re-derived from the ledger and the FaaS usage. */
export function checkBill(
  s: RunSummary,
  ledger: readonly LedgerEntry[],
  faas: ReadonlyMap<string, FaasUsage>,
  catalog: Catalog,
  allocations: ReadonlyMap<string, AllocationUsage> = new Map(),
): void {
  const expected = new Map<string, number>();
  const add = (name: string, usd: number) => expected.set(name, (expected.get(name) ?? 0) + usd);
  for (const e of ledger) {
    if (Number.isNaN(e.endS))
      throw new InvariantError(`an instance of ${e.type.name} was never billed`);
    add(e.type.name, instanceCostUsd(e.type.billing, e.type.usdPerHour, e.endS - e.requestedAtS));
  }
  for (const [name, u] of faas) {
    const type = catalog.get(name)!;
    if (type.billing.kind !== "per-request") continue;
    const gb = type.memMiB / 1024;
    add(
      name,
      u.billedS * gb * type.billing.usdPerGbSecond + u.executions * type.billing.usdPerRequest,
    );
  }
  for (const [name, u] of allocations) {
    const rule = catalog.get(name)!.billing;
    if (rule.kind !== "per-allocation") continue;
    add(name, (u.vcpuS * rule.usdPerVcpuHour + u.gbS * rule.usdPerGbHour) / 3600);
  }
  for (const [name, usd] of Object.entries(s.costUsdByType)) {
    const want = expected.get(name) ?? 0;
    if (Math.abs(usd - want) > 1e-9 * Math.max(1, want)) {
      throw new InvariantError(
        `cost of ${name} is ${usd} USD, but its billed intervals sum to ${want}`,
      );
    }
  }
}

/**
 * The allocations on an instance never exceed its capacity: checked at
 * each change to them, by summing what each running request holds.
 */
export function checkPacking(inst: Instance): void {
  const t = inst.type;
  let vcpu = 0;
  let memMiB = 0;
  let gpus = 0;
  let networkMbps = 0;
  for (const run of inst.running) {
    const a = run.alloc;
    vcpu += a ? a.vcpu : t.vcpu / inst.slots;
    memMiB += a ? a.memMiB : t.memMiB / inst.slots;
    gpus += a ? (a.gpus ?? 0) : t.gpus / inst.slots;
    networkMbps += a ? (a.networkMbps ?? 0) : t.networkMbps / inst.slots;
  }
  if (
    exceeds(vcpu, t.vcpu) ||
    exceeds(memMiB, t.memMiB) ||
    exceeds(gpus, t.gpus) ||
    exceeds(networkMbps, t.networkMbps)
  ) {
    throw new InvariantError(
      `instance ${inst.id} (${t.name}) holds allocations of ${vcpu} vCPU, ${memMiB} MiB, ${gpus} GPUs, ${networkMbps} Mbps, over its ${t.vcpu}, ${t.memMiB}, ${t.gpus}, ${t.networkMbps}`,
    );
  }
}

function exceeds(used: number, cap: number): boolean {
  return used - cap > 1e-9 * Math.max(1, cap);
}
