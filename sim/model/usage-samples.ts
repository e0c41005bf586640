/**
 * Usage samples of running requests (onUsage): every `usageS` of a
 * request's execution (the policy's, or what a `usage` action set for that
 * request), its use so far goes to the policy. A sample is scheduled only
 * before the run's end, so a policy without onUsage costs nothing here.
 */
import type { UsageSample } from "../policies/types.js";
import { applyAll } from "./apply-actions.js";
import type { ClusterState } from "./cluster-state.js";
import { findRunning, fullSeconds, memLimitMiB } from "./execution-runs.js";
import { memoryAtMiB } from "./memory-profile.js";
import { adopt, policyContext } from "./policy-calls.js";
import { requestView } from "./request.js";
import type { Running } from "./running.js";

/** The sampling interval of a request: its own if an action set one, else the policy's. */
function everyS(m: ClusterState, requestId: number): number {
  if (m.usageEvery.size > 0) {
    const own = m.usageEvery.get(requestId);
    if (own !== undefined) return own;
  }
  return m.usageS;
}

/** Schedules the run's next sample (at a multiple of its interval since its first start) if it falls before `endS`. */
export function scheduleUsage(m: ClusterState, run: Running, endS: number): void {
  const every = everyS(m, run.request.id);
  if (!(every > 0 && every < Infinity)) return;
  const now = m.scheduler.now;
  const k = Math.floor((now - run.startS) / every) + 1;
  // Rounding can put the next multiple at `now` itself (a start at 0.4 s, a sample due at 1.4 s
  // measures 0.99999 s): that one is the sample just delivered, so the next is one further.
  let at = run.startS + k * every;
  if (at <= now) at = run.startS + (k + 1) * every;
  if (at < endS && at < m.opts.horizonS) run.usageHandle = m.scheduler.at(at, m.on.usage, run);
}

/** What the run has used by now. */
export function usageOf(m: ClusterState, run: Running): UsageSample {
  const now = m.scheduler.now;
  const inst = run.instance;
  const d = run.request.demand;
  const frac = run.doneAt(now, fullSeconds(run));
  // Profiles never shrink, so the use now is the peak so far.
  const memMiB = memoryAtMiB(d, frac);
  const task = run.request.task;
  return {
    request: requestView(run.request),
    ...(task ? { task: { index: task.index, count: task.group.count } } : {}),
    instanceId: inst.id,
    instanceType: inst.type.name,
    elapsedS: now - run.startS,
    cpuSeconds: d.cpuSeconds * frac,
    memMiB,
    peakMemMiB: memMiB,
    memLimitMiB: memLimitMiB(run),
    ioReadBytes: (d.ioReadBytes ?? 0) * frac,
    ioWriteBytes: (d.ioWriteBytes ?? 0) * frac,
  };
}

/** A sample falls due: the policy sees it, then the next is scheduled. */
export function deliverUsage(m: ClusterState, run: Running): void {
  run.usageHandle = -1;
  if (run.stale) return;
  const { policy, policyConfig } = m.opts;
  const sample = usageOf(m, run);
  m.sampling = run;
  const d = policy.onUsage!(m.policyState, policyConfig, sample, m.fleet, policyContext(m));
  applyAll(m, adopt(m, d));
  m.sampling = null;
  if (run.stale || run.usageHandle >= 0) return;
  const now = m.scheduler.now;
  const full = fullSeconds(run);
  scheduleUsage(m, run, now + (run.endFrac - run.doneAt(now, full)) * full);
}

/** A `usage` action: the request's own interval from now on (null: no more samples). */
export function setUsageEvery(m: ClusterState, requestId: number, every: number | null): void {
  m.usageEvery.set(requestId, every ?? Infinity);
  const run = m.sampling?.request.id === requestId ? m.sampling : findRunning(m, requestId);
  if (!run || run.stale) return;
  if (run.usageHandle >= 0) m.scheduler.cancel(run.usageHandle);
  run.usageHandle = -1;
  const now = m.scheduler.now;
  const full = fullSeconds(run);
  scheduleUsage(m, run, now + (run.endFrac - run.doneAt(now, full)) * full);
}
