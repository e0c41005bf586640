/**
 * Actions on running requests' allocations: a resize in place within the
 * instance's free capacity (seed 002's adjustment), after the type's
 * allocation-resize latency, keeping progress; and an upgrade to a larger
 * allocation on another instance (seed 000), migrating the work or
 * restarting it, with the time and money that costs counted.
 */
import type { Allocation } from "../policies/types.js";
import { capacityOf, freeOf, heldBy, malformed, resourcesOf, shortOf } from "./allocation.js";
import { allocationUsdPerHour } from "./billing.js";
import type { ClusterState, Migration, PendingResize } from "./cluster-state.js";
import { allocatedSeconds, limitMiBOf } from "./execution.js";
import {
  billStretch,
  detach,
  findRunning,
  fullSeconds,
  scheduleCompletion,
} from "./execution-runs.js";
import { checkPacking } from "./invariants.js";
import { sampler, setBusy, settleIfFree } from "./lifecycle.js";
import { outOfMemoryFrac } from "./memory-profile.js";
import { pullWork } from "./queueing.js";
import { reject } from "./rejections.js";
import { Running } from "./running.js";

export function resizeAllocation(m: ClusterState, requestId: number, alloc: Allocation): void {
  const run = findRunning(m, requestId);
  if (!run) return reject(m, "resizeAllocation", `request ${requestId} is not running`);
  const why = resizeRoom(run, alloc);
  if (why) return reject(m, "resizeAllocation", `request ${requestId}: ${why}`);
  const type = run.instance.type;
  const delayS = sampler(m, m.allocationResizeSamplers, type, "allocationResize")();
  const pending: PendingResize = { run, alloc };
  m.scheduler.after(delayS, m.on.allocationResized, pending);
}

/** Why `run` cannot have `alloc` where it is (its own share freed), or null. */
function resizeRoom(run: Running, alloc: Allocation): string | null {
  const inst = run.instance;
  if (inst.type.kind === "faas") return `a FaaS sandbox (${inst.type.name}) has no allocations`;
  const bad = malformed(alloc);
  if (bad) return bad;
  const free = freeOf(inst);
  const held = heldBy(run);
  const room = {
    vcpu: free.vcpu + held.vcpu,
    memMiB: free.memMiB + held.memMiB,
    gpus: free.gpus + held.gpus,
    networkMbps: free.networkMbps + held.networkMbps,
  };
  const short = shortOf(alloc, room);
  return short ? `instance ${inst.id} has not the free ${short}` : null;
}

/** The new limits take effect: the request keeps its progress and runs at the new speed. */
export function applyAllocationResize(m: ClusterState, p: PendingResize): void {
  const old = p.run;
  // Ended, moved or re-timed meanwhile: the request's current run is asked again.
  const run = old.stale ? findRunning(m, old.request.id) : old;
  if (!run) return reject(m, "resizeAllocation", `request ${old.request.id} ended first`);
  const why = resizeRoom(run, p.alloc);
  if (why) return reject(m, "resizeAllocation", `request ${run.request.id}: ${why}`);
  const now = m.scheduler.now;
  const inst = run.instance;
  const done = run.doneAt(now, fullSeconds(run));
  // Where use crosses the new limit; a request past that point ends there at once.
  const limitMiB = limitMiBOf(p.alloc, inst.type, inst.slots);
  const oldLimitMiB = limitMiBOf(run.alloc, inst.type, inst.slots);
  const oom = outOfMemoryFrac(run.request.demand, limitMiB);
  run.stale = true;
  if (inst.type.billing.kind === "per-allocation") billStretch(m, run, now);
  const next = new Running(run.request, inst, run.startS, oom, run.cold);
  next.progress = { doneFrac: done, sinceS: now };
  next.alloc = p.alloc;
  next.resized = true;
  if (!run.alloc) inst.allocatedRuns++;
  inst.running[inst.running.indexOf(run)] = next;
  checkPacking(inst);
  const a = m.metrics.allocs();
  a.resizes++;
  if (limitMiB > oldLimitMiB + 1e-9) a.raised(run.request.id, oldLimitMiB);
  scheduleCompletion(m, next, done);
}

export function upgrade(
  m: ClusterState,
  requestId: number,
  instanceId: number,
  alloc: Allocation,
  mode: "migrate" | "restart",
): void {
  const run = findRunning(m, requestId);
  if (!run) return reject(m, "upgrade", `request ${requestId} is not running`);
  const target = m.instancesById.get(instanceId);
  if (!target || target.state === "draining" || target === run.instance)
    return reject(m, "upgrade", `instance ${instanceId} is not another instance in service`);
  const why =
    malformed(alloc) ??
    (target.type.kind === "faas" ? `${target.type.name} is a FaaS sandbox` : null) ??
    shortOf(alloc, capacityOf(target.type));
  if (why) return reject(m, "upgrade", `request ${requestId} to instance ${instanceId}: ${why}`);
  const now = m.scheduler.now;
  const from = run.instance;
  const oldFullS = fullSeconds(run);
  const done = run.doneAt(now, oldFullS);
  const oldUsdPerHour = allocationUsdPerHour(from.type, heldBy(run), from.slots);
  detach(m, run, now);
  m.inTransit++;
  setBusy(m, from, -1, now);
  pullWork(m, from);
  settleIfFree(m, from);
  const restart = mode === "restart";
  const pauseS = restart
    ? 0
    : m.opts.migrationFixedS + run.request.demand.memMiB / m.opts.migrationMiBPerS;
  const a = m.metrics.allocs();
  a.upgrades++;
  // Its first allocation's limit: it was saved from running out of memory if it ends above it.
  a.raised(requestId, limitMiBOf(run.alloc, from.type, from.slots));
  if (restart) a.upgradeRestarts++;
  // Restart: the work done is lost; migration: the request stands still while it moves.
  const lostS = restart ? done * oldFullS : pauseS;
  a.upgradeLostS += lostS;
  // What the upgrade costs: the lost time at the old price, and the new price over the old
  // for the rest of the run at the new size.
  const newUsdPerHour = allocationUsdPerHour(target.type, resourcesOf(alloc), target.slots);
  const restFrac = restart ? 1 : 1 - done;
  const restS = restFrac * allocatedSeconds(run.request.demand, alloc, target.type);
  a.upgradeCostUsd += (lostS * oldUsdPerHour + restS * (newUsdPerHour - oldUsdPerHour)) / 3600;
  const moving: Migration = {
    request: run.request,
    pool: target.pool,
    doneFrac: restart ? 0 : done,
    startS: run.startS,
    cold: run.cold,
    target,
    alloc,
  };
  m.scheduler.after(pauseS, m.on.migrated, moving);
}
