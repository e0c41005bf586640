/**
 * Requests coming in: read from the source (one at a time, or ahead of the
 * clock so notices reach the policy when due), delivered as notices and
 * arrivals, and routed by the policy to a pool.
 */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import type { NoticeView } from "../policies/types.js";
import { applyAll, applyOne } from "./apply-actions.js";
import { DEFAULT_POOL, type ClusterState } from "./cluster-state.js";
import { startOn } from "./execution-runs.js";
import type { Instance } from "./instance.js";
import { adopt, policyContext } from "./policy-calls.js";
import { enqueue } from "./queueing.js";
import type { Pool } from "./pool.js";
import { requestView, type WorkRequest } from "./request.js";
import { MAX_TASKS, splitInto } from "./task-split.js";

/** Schedules the next arrival, or reads ahead when notices are delivered. */
export function readArrivals(m: ClusterState): void {
  if (m.readAheadS < 0) scheduleNextArrival(m);
  else readAhead(m);
}

/**
 * Reads requests until one arrives later than the lookahead, scheduling
 * each arrival and its notice; reading resumes when the clock comes
 * within the lookahead of the last one read.
 */
export function readAhead(m: ClusterState): void {
  const now = m.scheduler.now;
  for (;;) {
    const next = m.source!.next();
    if (next === undefined) {
      m.awaitingArrival = true;
      return;
    }
    if (next === null || next.arrivalS >= m.opts.horizonS) return;
    if (next.noticeLeadS !== undefined) {
      const due = next.arrivalS - next.noticeLeadS;
      if (due < now) m.metrics.noticesLate++;
      // Before the arrival, even with no lead.
      m.scheduler.at(Math.max(now, due), m.on.noticeDue, next, PRIORITY_LATE);
    }
    m.scheduler.at(next.arrivalS, m.on.arrival, next, PRIORITY_LATE);
    const resume = next.arrivalS - m.readAheadS;
    if (resume > now) {
      m.scheduler.at(resume, m.on.readAhead, undefined, PRIORITY_LATE);
      return;
    }
  }
}

/** A notice falls due: the policy sees the function it names, never whether it is right. */
export function notice(m: ClusterState, request: WorkRequest): void {
  m.metrics.notices++;
  const wrong = request.noticeFunctionId !== undefined;
  const view: NoticeView = {
    functionId: wrong ? request.noticeFunctionId! : request.functionId,
    expectedArrivalS: request.arrivalS,
    features: wrong ? (request.noticeFeatures ?? null) : request.features,
  };
  const { policy, policyConfig } = m.opts;
  const d = policy.onNotice!(m.policyState, policyConfig, view, m.fleet, policyContext(m));
  applyAll(m, adopt(m, d));
}

function scheduleNextArrival(m: ClusterState): void {
  const next = m.source!.next();
  if (next === undefined) {
    m.awaitingArrival = true;
    return;
  }
  if (next === null || next.arrivalS >= m.opts.horizonS) return;
  m.scheduler.at(next.arrivalS, m.on.arrival, next, PRIORITY_LATE);
}

export function arrive(m: ClusterState, request: WorkRequest): void {
  m.metrics.requests++;
  if (request.serviceClass) m.metrics.classOf(request.serviceClass.name).requests++;
  if (m.readAheadS < 0) scheduleNextArrival(m);
  route(m, request);
}

/**
 * Asks the policy where a request goes (a new arrival or a retry): a pool
 * (route), or an instance (place); then starts or queues it there.
 */
export function route(m: ClusterState, request: WorkRequest): void {
  let target = DEFAULT_POOL;
  let placed: Instance | undefined;
  let tasks = 1;
  const { policy } = m.opts;
  if (m.hooks.arrival) {
    const d = policy.onArrival!(
      m.policyState,
      m.opts.policyConfig,
      requestView(request),
      m.fleet,
      policyContext(m),
    );
    m.arriving = request;
    for (const a of adopt(m, d)) {
      if (a.kind === "route") target = a.pool;
      else if (a.kind === "place") placed = placedOn(m, a.instanceId);
      else if (a.kind === "split") tasks = taskCount(m, a.tasks);
      else applyOne(m, a);
    }
    m.arriving = null;
  }
  if (placed) target = placed.pool.id;
  const pool = m.pools.get(target);
  if (!pool) throw new Error(`policy ${m.opts.policyName} routed to unknown pool "${target}"`);
  const own = m.startedFor;
  if (tasks > 1) {
    if (own || placed)
      throw new Error(
        `policy ${m.opts.policyName} split request ${request.id} and also ${own ? "started an instance for it" : "placed it"}: a split request's tasks go through its pool's line`,
      );
    dispatchTasks(m, request, tasks, pool);
    return;
  }
  if (own) {
    // Held for its own instance since the provision (see provision).
    m.startedFor = null;
    if (own.pool !== pool)
      throw new Error(
        `policy ${m.opts.policyName} started an instance for request ${request.id} in pool "${own.pool.id}" but routed it to "${target}"`,
      );
    return;
  }
  const inst = placed ? (placed.freeSlots > 0 ? placed : undefined) : pool.pick();
  if (inst) startOn(m, request, inst, 0, NaN, false);
  else enqueue(m, request, pool, 0, NaN, false);
}

/** A split's task count, checked. */
function taskCount(m: ClusterState, tasks: number): number {
  if (!Number.isInteger(tasks) || tasks < 1 || tasks > MAX_TASKS)
    throw new Error(
      `policy ${m.opts.policyName} split a request into ${tasks} tasks: a whole number from 1 to ${MAX_TASKS}`,
    );
  return tasks;
}

/** Each task of a split request starts on a free slot its pool's routing picks, or waits in its line. */
function dispatchTasks(m: ClusterState, request: WorkRequest, count: number, pool: Pool): void {
  m.extraTasks += count - 1;
  m.metrics.splitRequests++;
  m.metrics.tasks += count;
  for (const task of splitInto(request, count)) {
    const inst = pool.pick();
    if (inst) startOn(m, task, inst, 0, NaN, false);
    else enqueue(m, task, pool, 0, NaN, false);
  }
}

/** The instance a place action names: one that is not ending. */
function placedOn(m: ClusterState, instanceId: number): Instance {
  const inst = m.instancesById.get(instanceId);
  if (!inst || inst.state === "draining")
    throw new Error(
      `policy ${m.opts.policyName} placed a request on instance ${instanceId}, which is not in service`,
    );
  return inst;
}
