/**
 * Requests executing: started on a slot, timed by the execution model,
 * completed (or run out of memory, then retried once if the scenario says
 * so), and each end recorded.
 */
import { applyAll } from "./apply-actions.js";
import { route } from "./arrivals.js";
import type { ClusterState } from "./cluster-state.js";
import type { Allocation } from "../policies/types.js";
import { allocatedSeconds, memLimitMiB, serviceSeconds } from "./execution.js";
import { checkPacking } from "./invariants.js";
import type { Instance } from "./instance.js";
import { heldBy } from "./allocation.js";
import { billAllocation, billExecution } from "./ledger.js";
import { setBusy, settleIfFree } from "./lifecycle.js";
import { adopt, policyContext } from "./policy-calls.js";
import { pullWork } from "./queueing.js";
import { requestView, type WorkRequest } from "./request.js";
import { Running } from "./running.js";
import type { RequestRecord } from "./summary.js";

/**
 * Starts a request on a free slot of `inst`: a fresh one (`firstStartS`
 * NaN), or one resuming `doneFrac` of its work after a migration; in its
 * own allocation, or (null) in the slot's share.
 */
export function startOn(
  m: ClusterState,
  request: WorkRequest,
  inst: Instance,
  doneFrac: number,
  firstStartS: number,
  cold: boolean,
  alloc: Allocation | null = null,
): void {
  const now = m.scheduler.now;
  const fresh = Number.isNaN(firstStartS);
  const outOfMemory = request.demand.memMiB > memLimitMiB(alloc, inst.type, inst.slots);
  const run = new Running(request, inst, fresh ? now : firstStartS, outOfMemory, cold);
  if (!fresh) run.progress = { doneFrac, sinceS: now };
  if (alloc) {
    run.alloc = alloc;
    inst.allocatedRuns++;
    if (fresh) m.metrics.allocs().allocations++;
  }
  setBusy(m, inst, +1, now);
  m.running++;
  if (fresh) m.metrics.queueWait.record(now - request.arrivalS);
  inst.running.push(run);
  if (inst.allocatedRuns > 0) checkPacking(inst);
  scheduleCompletion(m, run, doneFrac);
}

export function scheduleCompletion(m: ClusterState, run: Running, doneFrac: number): void {
  const t = m.scheduler.now + Math.max(0, run.endFrac - doneFrac) * fullSeconds(run);
  m.scheduler.post(t, m.on.complete, run);
}

/** A run's whole execution at its instance's current speed; a cold one takes its extra too. */
export function fullSeconds(run: Running): number {
  const inst = run.instance;
  const s = run.alloc
    ? allocatedSeconds(run.request.demand, run.alloc, inst.type)
    : serviceSeconds(run.request.demand, inst.type, inst.slots);
  return run.cold ? s + (run.request.demand.coldExtraS ?? 0) : s;
}

/** Takes a request off its instance (completion or migration). */
export function detach(m: ClusterState, run: Running, now: number): void {
  const inst = run.instance;
  run.stale = true;
  inst.running.splice(inst.running.indexOf(run), 1);
  if (run.alloc) inst.allocatedRuns--;
  m.running--;
  const rule = inst.type.billing.kind;
  if (rule === "per-request") billExecution(m, inst.type, now - run.sinceS);
  else if (rule === "per-allocation") billStretch(m, run, now);
}

/** Bills a run's current stretch on container capacity, up to `nowS`. */
export function billStretch(m: ClusterState, run: Running, nowS: number): void {
  const type = run.instance.type;
  billAllocation(m, type, heldBy(run), nowS - run.sinceS, !run.resized);
}

/** At the end of the run, what still runs on container capacity is billed up to then. */
export function billRunningAllocations(m: ClusterState, inst: Instance, endS: number): void {
  if (inst.type.billing.kind !== "per-allocation") return;
  for (const run of inst.running) billStretch(m, run, endS);
}

export function complete(m: ClusterState, run: Running): void {
  if (run.stale) return;
  const now = m.scheduler.now;
  const { request, instance: inst } = run;
  detach(m, run, now);
  const metrics = m.metrics;
  const latency = now - request.arrivalS;
  // A cold start is a request that ran on the instance started for it (a
  // provision naming it), as platforms count them: the start it triggered,
  // however short the boot. One that waited for capacity started otherwise
  // (a scale-up, a warm pool, a notice) is warm; its wait is queue wait.
  const cold = run.cold;
  const retry = run.outOfMemory && m.opts.retryOutOfMemory && (request.attempt ?? 1) === 1;
  if (retry) {
    metrics.retriedOutOfMemory++;
  } else if (run.outOfMemory) {
    metrics.failedOutOfMemory++;
  } else {
    metrics.completed++;
    metrics.latency.record(latency);
    if (latency <= slaLatencyOf(m, request)) metrics.withinSla++;
    if (cold) metrics.coldStarts++;
  }
  if (!retry)
    recordEnd(m, request, run.startS, run.outOfMemory ? "failed-oom" : "completed", inst, cold);
  setBusy(m, inst, -1, now);
  pullWork(m, inst);
  // Feedback before the instance's idle call, so a keep-alive decision sees it.
  const { policy } = m.opts;
  if (m.hooks.completion) {
    const slotMiB = memLimitMiB(run.alloc, inst.type, inst.slots);
    const feedback = {
      request: requestView(request),
      outcome: run.outOfMemory ? ("failed" as const) : ("completed" as const),
      latencyS: latency,
      serviceS: now - run.startS,
      instanceId: inst.id,
      instanceType: inst.type.name,
      cpuSeconds: request.demand.cpuSeconds * run.endFrac,
      peakMemMiB: run.outOfMemory ? slotMiB : request.demand.memMiB,
    };
    const d = policy.onCompletion!(
      m.policyState,
      m.opts.policyConfig,
      feedback,
      m.fleet,
      policyContext(m),
    );
    applyAll(m, adopt(m, d));
  }
  settleIfFree(m, inst);
  if (retry) {
    const slotMiB = memLimitMiB(run.alloc, inst.type, inst.slots);
    route(m, { ...request, attempt: 2, outOfMemoryAtMiB: slotMiB });
  }
}

/** The latency a request is judged against: its service class's, else the scenario's. */
function slaLatencyOf(m: ClusterState, request: WorkRequest): number {
  return request.serviceClass?.slaLatencyS ?? m.opts.slaLatencyS;
}

/** Reports how a request ended, to the run's per-request output if any. */
export function recordEnd(
  m: ClusterState,
  request: WorkRequest,
  startS: number,
  outcome: RequestRecord["outcome"],
  inst: Instance | undefined,
  cold: boolean,
): void {
  const c = request.serviceClass;
  if (c) {
    const latencyS = m.scheduler.now - request.arrivalS;
    m.metrics.classOf(c.name).end(outcome, latencyS, slaLatencyOf(m, request));
  }
  m.opts.onRequestEnd?.({
    policy: m.opts.policyName,
    id: request.id,
    functionId: request.functionId,
    arrivalS: request.arrivalS,
    startS,
    endS: m.scheduler.now,
    outcome,
    instanceType: inst?.type.name ?? "",
    instanceId: inst?.id ?? -1,
    cold,
  });
}
