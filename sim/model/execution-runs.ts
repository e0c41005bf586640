/**
 * Requests executing: started on a slot, timed by the execution model,
 * completed (or run out of memory, then retried once if the scenario says
 * so), and each end recorded.
 */
import { applyAll } from "./apply-actions.js";
import { route } from "./arrivals.js";
import type { ClusterState } from "./cluster-state.js";
import type { Allocation } from "../policies/types.js";
import { heldBy } from "./allocation.js";
import { allocatedSeconds, limitMiBOf, serviceSeconds } from "./execution.js";
import type { Instance } from "./instance.js";
import { checkPacking } from "./invariants.js";
import { billAllocation, billExecution } from "./ledger.js";
import { allocationUsdPerHour, executionShareUsd } from "./billing.js";
import { memoryAtMiB, outOfMemoryFrac } from "./memory-profile.js";
import { scheduleUsage } from "./usage-samples.js";
import { taskEnded, type TaskGroup, type TaskOf, type TaskUse } from "./task-split.js";
import { setBusy, settleIfFree } from "./lifecycle.js";
import { adopt, policyContext } from "./policy-calls.js";
import { pullWork } from "./queueing.js";
import { requestView, type WorkRequest } from "./request.js";
import { Running } from "./running.js";
import type { RequestRecord } from "./summary.js";
import type { CompletionFeedback } from "../policies/types.js";

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
  const oomFrac = outOfMemoryFrac(request.demand, limitMiBOf(alloc, inst.type, inst.slots));
  const run = new Running(request, inst, fresh ? now : firstStartS, oomFrac, cold);
  if (!fresh) run.progress = { doneFrac, sinceS: now };
  if (alloc) {
    run.alloc = alloc;
    inst.allocatedRuns++;
    if (fresh) {
      const a = m.metrics.allocs();
      a.allocations++;
      a.containersAtStarts += inst.allocatedRuns;
    }
  }
  setBusy(m, inst, +1, now);
  m.running++;
  // A split request waited until its first task started.
  const group = request.task?.group;
  if (fresh && (!group || Number.isNaN(group.firstStartS)))
    m.metrics.queueWait.record(now - request.arrivalS);
  if (group && Number.isNaN(group.firstStartS)) group.firstStartS = now;
  inst.running.push(run);
  if (inst.allocatedRuns > 0) checkPacking(inst);
  scheduleCompletion(m, run, doneFrac);
}

export function scheduleCompletion(m: ClusterState, run: Running, doneFrac: number): void {
  const t = m.scheduler.now + Math.max(0, run.endFrac - doneFrac) * fullSeconds(run);
  m.scheduler.post(t, m.on.complete, run);
  if (m.hooks.usage) scheduleUsage(m, run, t);
}

/** The memory a run may use before it is killed: its allocation's, else its slot's. */
export function memLimitMiB(run: Running): number {
  return limitMiBOf(run.alloc, run.instance.type, run.instance.slots);
}

/** The running request with this id; a scan, as the actions that name one are rare. */
export function findRunning(m: ClusterState, requestId: number): Running | undefined {
  for (const pool of m.pools.values()) {
    for (const inst of pool.instances) {
      const run = inst.running.find((r) => r.request.id === requestId);
      if (run) return run;
    }
  }
  return undefined;
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
  removeRun(inst.running, run);
  if (run.alloc) inst.allocatedRuns--;
  m.running--;
  const rule = inst.type.billing.kind;
  if (rule === "per-request") billExecution(m, inst.type, now - run.sinceS);
  else if (rule === "per-allocation") billStretch(m, run, now);
}

/** Takes `run` out of its instance's runs, keeping the order of the others. */
function removeRun(runs: Running[], run: Running): void {
  // Usually the last (a one-slot sandbox runs one): popped, where splice costs a runtime call.
  if (runs[runs.length - 1] === run) runs.pop();
  else runs.splice(runs.indexOf(run), 1);
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
  const task = request.task;
  // A cold start is a request that ran on the instance started for it (a
  // provision naming it), as platforms count them: the start it triggered,
  // however short the boot. One that waited for capacity started otherwise
  // (a scale-up, a warm pool, a notice) is warm; its wait is queue wait.
  const cold = run.cold;
  const outcome = run.outOfMemory ? "failed-oom" : "completed";
  const retry = !task && run.outOfMemory && m.opts.retryOutOfMemory && (request.attempt ?? 1) === 1;
  // What ends now: the request, or the split request whose last task this is.
  let feedback: CompletionFeedback | null = null;
  const predicted = m.predictions.size > 0 ? m.predictions.get(request.id) : undefined;
  const wantsFeedback =
    m.hooks.completion || m.opts.behavior !== undefined || predicted !== undefined;
  if (task) {
    if (taskEnded(task, outcome, useOf(run, now), cold)) {
      const g = task.group;
      countEnd(m, g.request, g.failure ?? "completed", g.firstStartS, inst, g.cold);
      if (wantsFeedback) feedback = groupFeedback(g, now, inst);
    } else m.extraTasks--;
  } else if (retry) {
    m.metrics.retriedOutOfMemory++;
  } else {
    countEnd(m, request, outcome, run.startS, inst, cold);
    const a = m.metrics.allocsIfAny();
    if (a)
      a.ended(request.id, outcome === "completed", useOf(run, now).peakMemMiB, runCost(run, now));
  }
  if (!task && wantsFeedback) feedback = completionFeedback(run, now);
  setBusy(m, inst, -1, now);
  pullWork(m, inst);
  // Feedback before the instance's idle call, so a keep-alive decision sees it.
  if (m.usageEvery.size > 0 && (!task || task.group.remaining === 0))
    m.usageEvery.delete(request.id);
  if (predicted && feedback && !retry) {
    m.predictions.delete(request.id);
    if (feedback.outcome === "completed") m.metrics.predicted().record(predicted, feedback);
  }
  // Recorded first: the policy's completion call sees its own profile updated.
  if (feedback) m.opts.behavior?.completed(feedback, now);
  if (feedback && m.hooks.completion) {
    const d = m.opts.policy.onCompletion!(
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
    route(m, { ...request, attempt: 2, outOfMemoryAtMiB: memLimitMiB(run) });
  }
}

/**
 * Counts how a request ended (each outcome's counter, latency and SLA for
 * one that completed) and reports it.
 */
export function countEnd(
  m: ClusterState,
  request: WorkRequest,
  outcome: RequestRecord["outcome"],
  startS: number,
  inst: Instance | undefined,
  cold: boolean,
): void {
  const metrics = m.metrics;
  if (outcome === "completed") {
    const latency = m.scheduler.now - request.arrivalS;
    metrics.completed++;
    metrics.latency.record(latency);
    if (latency <= slaLatencyOf(m, request)) metrics.withinSla++;
    if (cold) metrics.coldStarts++;
  } else if (outcome === "failed-oom") metrics.failedOutOfMemory++;
  else if (outcome === "failed-timeout") metrics.failedTimeout++;
  else metrics.rejected++;
  if (outcome !== "completed" && m.predictions.size > 0) m.predictions.delete(request.id);
  recordEnd(m, request, startS, outcome, inst, cold);
}

/** A task that never ran (rejected by a full line, or timed out in it) ends. */
export function endUnrunTask(
  m: ClusterState,
  task: TaskOf,
  outcome: "rejected" | "failed-timeout",
): void {
  if (!taskEnded(task, outcome, null, false)) {
    m.extraTasks--;
    return;
  }
  const g = task.group;
  countEnd(m, g.request, g.failure ?? "completed", g.firstStartS, undefined, g.cold);
}

/** What a run in an allocation cost on its instance up to `now` (0 in a slot's share). */
function runCost(run: Running, now: number): number {
  if (!run.alloc) return 0;
  const perHour = allocationUsdPerHour(run.instance.type, heldBy(run), run.instance.slots);
  return (perHour * (now - run.sinceS)) / 3600;
}

/** What a run used, measured at its end at `now`. */
function useOf(run: Running, now: number): TaskUse {
  const d = run.request.demand;
  const limit = memLimitMiB(run);
  const frac = run.endFrac;
  return {
    cpuSeconds: d.cpuSeconds * frac,
    // One that ran out of memory had grown to its limit.
    peakMemMiB: run.outOfMemory ? limit : memoryAtMiB(d, frac),
    memLimitMiB: limit,
    ioReadBytes: (d.ioReadBytes ?? 0) * frac,
    ioWriteBytes: (d.ioWriteBytes ?? 0) * frac,
    costUsd: run.alloc
      ? (allocationUsdPerHour(run.instance.type, heldBy(run), run.instance.slots) *
          (now - run.sinceS)) /
        3600
      : executionShareUsd(run.instance.type, run.instance.slots, now - run.sinceS),
  };
}

/** What the policy learns of a run that ended at `now`: its measured use and cost. */
function completionFeedback(run: Running, now: number): CompletionFeedback {
  const { request, instance: inst } = run;
  return {
    request: requestView(request),
    outcome: run.outOfMemory ? "failed" : "completed",
    latencyS: now - request.arrivalS,
    serviceS: now - run.startS,
    instanceId: inst.id,
    instanceType: inst.type.name,
    ...useOf(run, now),
  };
}

/** The same for a split request, from its tasks' use: reported on the instance of its last task. */
function groupFeedback(g: TaskGroup, now: number, inst: Instance): CompletionFeedback {
  return {
    request: requestView(g.request),
    outcome: g.failure === null ? "completed" : "failed",
    latencyS: now - g.request.arrivalS,
    serviceS: now - g.firstStartS,
    instanceId: inst.id,
    instanceType: inst.type.name,
    cpuSeconds: g.cpuSeconds,
    peakMemMiB: g.peakMemMiB,
    memLimitMiB: g.memLimitMiB,
    ioReadBytes: g.ioReadBytes,
    ioWriteBytes: g.ioWriteBytes,
    costUsd: g.costUsd,
  };
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
