/**
 * Changes to work in flight, each with its latency: an instance resized in
 * place (a new billing segment, its running work re-timed at the new
 * speed), and a running request moved to another pool with its work kept.
 */
import type { ClusterState, Migration } from "./cluster-state.js";
import { detach, findRunning, fullSeconds, scheduleCompletion, startOn } from "./execution-runs.js";
import type { Instance } from "./instance.js";
import { openSegment, settleInstance } from "./ledger.js";
import { sampler, setBusy, settleIfFree } from "./lifecycle.js";
import { enqueue, pullWork } from "./queueing.js";
import { Running } from "./running.js";

export function resize(m: ClusterState, instanceId: number, typeName: string): void {
  const inst = m.instancesById.get(instanceId);
  const type = m.opts.catalog.get(typeName);
  if (!type) throw new Error(`policy ${m.opts.policyName} resized to unknown type "${typeName}"`);
  if (!inst || (inst.state !== "idle" && inst.state !== "busy") || inst.resizingTo) return;
  if (type.kind !== inst.type.kind)
    throw new Error(
      `cannot resize a ${inst.type.kind} instance to ${type.kind} type "${typeName}"`,
    );
  inst.resizingTo = type;
  m.scheduler.after(sampler(m, m.resizeSamplers, type, "resize")(), m.on.resized, inst);
}

/** The new type takes effect: a new billing segment, and running work re-timed. */
export function applyResize(m: ClusterState, inst: Instance): void {
  const type = inst.resizingTo;
  inst.resizingTo = null;
  if (!type || inst.state === "terminated") return;
  const now = m.scheduler.now;
  const progress = inst.running.map((run) => run.doneAt(now, fullSeconds(run)));
  settleInstance(m, inst, now);
  inst.type = type;
  inst.billedSinceS = now;
  inst.busyAtBilledSince = inst.busySlotSeconds;
  openSegment(m, inst, type, now);
  inst.running.forEach((old, i) => {
    old.stale = true;
    const run = new Running(old.request, inst, old.startS, old.outOfMemoryFrac, old.cold);
    run.progress = { doneFrac: progress[i]!, sinceS: now };
    inst.running[i] = run;
    scheduleCompletion(m, run, progress[i]!);
  });
}

export function migrate(m: ClusterState, requestId: number, poolId: string): void {
  const pool = m.pools.get(poolId);
  if (!pool) throw new Error(`policy ${m.opts.policyName} migrated to unknown pool "${poolId}"`);
  const run = findRunning(m, requestId);
  if (!run) return;
  const now = m.scheduler.now;
  const inst = run.instance;
  const doneFrac = run.doneAt(now, fullSeconds(run));
  detach(m, run, now);
  m.inTransit++;
  setBusy(m, inst, -1, now);
  pullWork(m, inst);
  settleIfFree(m, inst);
  const pauseS = m.opts.migrationFixedS + run.request.demand.memMiB / m.opts.migrationMiBPerS;
  const moving: Migration = {
    request: run.request,
    pool,
    doneFrac,
    startS: run.startS,
    cold: run.cold,
  };
  m.scheduler.after(pauseS, m.on.migrated, moving);
}

/** A migrated request lands: it resumes on a free slot of its new pool, or waits there. */
export function landMigration(m: ClusterState, moving: Migration): void {
  m.inTransit--;
  const inst = moving.pool.pick();
  if (inst) startOn(m, moving.request, inst, moving.doneFrac, moving.startS, moving.cold);
  else enqueue(m, moving.request, moving.pool, moving.doneFrac, moving.startS, moving.cold);
}
