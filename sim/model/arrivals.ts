/**
 * Requests coming in: read from the source (one at a time, or ahead of the
 * clock so notices reach the policy when due), delivered as notices and
 * arrivals, and routed by the policy to a pool.
 */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import type { Allocation, NoticeView } from "../policies/types.js";
import { applyAll, applyOne, named } from "./apply-actions.js";
import { canTake, capacityOf, fitsType, malformed, shortOf } from "./allocation.js";
import { DEFAULT_POOL, type ClusterState } from "./cluster-state.js";
import { startOn } from "./execution-runs.js";
import type { Instance } from "./instance.js";
import { runBound, takeBinding } from "./binding.js";
import { adopt, policyContext } from "./policy-calls.js";
import { enqueue } from "./queueing.js";
import { reject } from "./rejections.js";
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
    // The payload announced: the coming request's, whichever function the notice names.
    ...(request.inputBytes !== undefined ? { inputBytes: request.inputBytes } : {}),
  };
  const { policy, policyConfig } = m.opts;
  const d = policy.onNotice!(m.policyState, policyConfig, view, m.fleet, policyContext(m));
  m.noticing = request;
  applyAll(m, adopt(m, d));
  m.noticing = null;
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
  let alloc: Allocation | null = null;
  let tasks = 1;
  /** The container each task of a split runs in (null: a slot's share). */
  let taskAlloc: Allocation | null = null;
  let placedProfile: string | undefined;
  const bound = m.bindings.size > 0 ? takeBinding(m, request) : null;
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
    const actions = adopt(m, d);
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i]!;
      if (a.kind === "route") target = a.pool;
      else if (a.kind === "place") {
        const wanted = named(m, a.kind, a);
        const p = wanted === null ? undefined : placement(m, a.instanceId, wanted);
        if (p) {
          [placed, alloc] = p;
          placedProfile = a.profile;
        }
      } else if (a.kind === "split") {
        tasks = taskCount(m, a.tasks);
        taskAlloc = splitAllocation(m, a);
      } else applyOne(m, a);
    }
    m.arriving = null;
  }
  if (request.requestedProfile !== undefined && (request.attempt ?? 1) === 1)
    countProfileRequest(m, request, placedProfile);
  if (bound) {
    // Pre-instantiated for this request: it runs there, whatever the policy said.
    const started = m.startedFor;
    if (started) {
      // An instance the policy also started for it serves the line instead.
      started.pool.takeHeld(started);
      m.startedFor = null;
    }
    runBound(m, request, bound);
    return;
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
    dispatchTasks(m, request, tasks, pool, taskAlloc);
    return;
  }
  // A split into one task is the request itself, in the split's container.
  if (taskAlloc && !placed) alloc = taskAlloc;
  if (own) {
    // Held for its own instance since the provision (see provision).
    m.startedFor = null;
    if (own.pool !== pool)
      throw new Error(
        `policy ${m.opts.policyName} started an instance for request ${request.id} in pool "${own.pool.id}" but routed it to "${target}"`,
      );
    return;
  }
  const inst = placed ?? pool.pick();
  // Behind others waiting in allocations it waits its turn, unless the pool backfills.
  const first = !pool.packing || pool.lineLength === 0 || pool.backfills;
  if (inst && first && canTake(inst, alloc)) startOn(m, request, inst, 0, NaN, false, alloc);
  else enqueue(m, request, pool, 0, NaN, false, alloc);
}

/** A request that asked for a profile by name, and whether the policy placed it in that one. */
function countProfileRequest(m: ClusterState, request: WorkRequest, placed: string | undefined) {
  const a = m.metrics.allocs();
  a.profileRequests++;
  if (placed === undefined || placed !== request.requestedProfile) return;
  a.profileGrants++;
  a.granted.add(request.id);
}

/** A split's task count, checked. */
function taskCount(m: ClusterState, tasks: number): number {
  if (!Number.isInteger(tasks) || tasks < 1 || tasks > MAX_TASKS)
    throw new Error(
      `policy ${m.opts.policyName} split a request into ${tasks} tasks: a whole number from 1 to ${MAX_TASKS}`,
    );
  return tasks;
}

/**
 * Each task of a split request starts where its pool's routing picks (in
 * its container, on an instance with room for it), or waits in its line;
 * behind others waiting in allocations, it waits its turn.
 */
function dispatchTasks(
  m: ClusterState,
  request: WorkRequest,
  count: number,
  pool: Pool,
  alloc: Allocation | null,
): void {
  m.extraTasks += count - 1;
  m.metrics.splitRequests++;
  m.metrics.tasks += count;
  const fits = alloc ? (inst: Instance) => canTake(inst, alloc) : undefined;
  for (const task of splitInto(request, count)) {
    const first = !alloc || !pool.packing || pool.lineLength === 0 || pool.backfills;
    const inst = first ? pool.pick(fits) : undefined;
    if (inst && canTake(inst, alloc)) startOn(m, task, inst, 0, NaN, false, alloc);
    else enqueue(m, task, pool, 0, NaN, false, alloc);
  }
}

/** The container a split names for its tasks; null (a slot's share) when none, or rejected. */
function splitAllocation(
  m: ClusterState,
  a: { readonly allocation?: Allocation; readonly profile?: string },
): Allocation | null {
  const wanted = named(m, "split", a);
  if (!wanted) return null;
  const why = malformed(wanted);
  if (why) {
    reject(m, "split", `task allocation: ${why}`);
    return null;
  }
  return wanted;
}

/**
 * The instance a place action names and the allocation to run in there;
 * undefined (rejected) for an instance not in service or an allocation it
 * could never hold.
 */
function placement(
  m: ClusterState,
  instanceId: number,
  alloc: Allocation | undefined,
): [Instance, Allocation | null] | undefined {
  const inst = m.instancesById.get(instanceId);
  if (!inst || inst.state === "draining") {
    reject(m, "place", `instance ${instanceId} is not in service`);
    return undefined;
  }
  if (!alloc) return [inst, null];
  const why =
    malformed(alloc) ??
    (inst.type.kind === "faas"
      ? `a FaaS sandbox (${inst.type.name}) runs one request at its configured size`
      : null) ??
    (fitsType(alloc, inst.type) ? null : shortOf(alloc, capacityOf(inst.type)));
  if (why) {
    reject(m, "place", `allocation on instance ${instanceId} (${inst.type.name}): ${why}`);
    return undefined;
  }
  return [inst, alloc];
}
