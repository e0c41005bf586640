/**
 * Instances from request to termination: provisioned (booting, or already
 * running), ready, busy and idle as their slots fill and empty, drained or
 * terminated on release, at once or after a stretch of idleness the policy
 * names (keep-alive). How long to keep what is the policy's call (onIdle).
 */
import { PRIORITY_URGENT } from "../engine/scheduler.js";
import { samplerOf } from "../random/spec.js";
import type { Sampler } from "../random/source.js";
import type { InstanceType } from "./catalog/types.js";
import type { ClusterState } from "./cluster-state.js";
import { startOn } from "./execution-runs.js";
import { Instance } from "./instance.js";
import { openSegment, settleInstance } from "./ledger.js";
import { idle } from "./policy-calls.js";
import { pullWork, waitingEntry } from "./queueing.js";
import type { WorkRequest } from "./request.js";

/** Changes an instance's busy slots; the idle transition is settleIfFree's. */
export function setBusy(m: ClusterState, inst: Instance, delta: number, now: number): void {
  inst.changeBusy(delta, now);
  if (inst.state === "draining") return;
  inst.pool.account(now, delta, 0);
  inst.pool.freeSlots -= delta;
  if (inst.state === "idle" && inst.busySlots > 0) {
    inst.state = "busy";
    if (!Number.isNaN(inst.idleSinceS)) inst.pool.idle--;
    inst.idleSinceS = NaN;
    // Its keep-alive event stays pending, to be reused (see expireAfterIdle).
    inst.expiresAtS = NaN;
  }
}

/** An instance with nothing to do idles (its keep-alive starts), or ends if draining. */
export function settleIfFree(m: ClusterState, inst: Instance): void {
  if (inst.busySlots > 0) return;
  if (inst.state === "draining") terminate(m, inst);
  else if (inst.state === "busy" || (inst.state === "idle" && Number.isNaN(inst.idleSinceS))) {
    becomeIdle(m, inst, m.scheduler.now);
  }
}

function becomeIdle(m: ClusterState, inst: Instance, now: number): void {
  inst.state = "idle";
  inst.idleSinceS = now;
  inst.pool.idle++;
  inst.pool.idled(inst, now);
  idle(m, inst);
}

/** A keep-alive event: the instance ends if its keep-alive is over, or waits on to its end. */
export function expireIdle(m: ClusterState, inst: Instance): void {
  inst.idleHandle = -1;
  if (inst.state !== "idle" || Number.isNaN(inst.expiresAtS)) return;
  if (inst.expiresAtS > m.scheduler.now) scheduleExpiry(m, inst);
  else terminate(m, inst);
}

/**
 * Requests `count` instances of a type in a pool: booting, or ready at
 * once when prewarmed. With `forRequestId`, the first is started for the
 * request now arriving, which waits for it alone (held, outside the line).
 */
export function provision(
  m: ClusterState,
  poolId: string,
  typeName: string,
  count: number,
  prewarmed: boolean,
  forRequestId: number | undefined,
): void {
  const pool = m.pools.get(poolId);
  if (!pool)
    throw new Error(`policy ${m.opts.policyName} provisioned into unknown pool "${poolId}"`);
  const type = m.opts.catalog.get(typeName);
  if (!type) throw new Error(`policy ${m.opts.policyName} provisioned unknown type "${typeName}"`);
  const forRequest = forRequestId === undefined ? null : requestStartingOwn(m, forRequestId);
  if (forRequest && prewarmed)
    throw new Error(`policy ${m.opts.policyName} provisioned a prewarmed instance for a request`);
  const now = m.scheduler.now;
  for (let i = 0; i < count; i++) {
    const inst = new Instance(m.nextInstanceId++, type, pool, pool.concurrency, now);
    if (forRequest && i === 0) {
      pool.hold(waitingEntry(m, forRequest, pool, 0, NaN, false), inst);
      m.startedFor = inst;
    }
    pool.add(inst);
    m.instancesById.set(inst.id, inst);
    pool.booting++;
    pool.bootingSlots += inst.slots;
    m.metrics.changeAlive(+1, now);
    openSegment(m, inst, type, now);
    if (prewarmed) ready(m, inst);
    else m.scheduler.after(sampler(m, m.bootSamplers, type, "boot")(), m.on.ready, inst);
  }
}

/** The arriving request a provision names: it starts its own instance, once. */
function requestStartingOwn(m: ClusterState, requestId: number): WorkRequest {
  const r = m.arriving;
  const name = m.opts.policyName;
  if (!r || r.id !== requestId)
    throw new Error(`policy ${name} provisioned for request ${requestId} outside its arrival`);
  if (m.startedFor) throw new Error(`policy ${name} provisioned twice for request ${requestId}`);
  return r;
}

/** The boot or resize latency sampler of a type, on its own stream. */
export function sampler(
  m: ClusterState,
  cache: Map<string, Sampler>,
  type: InstanceType,
  what: "boot" | "resize" | "allocationResize",
): Sampler {
  let s = cache.get(type.name);
  if (!s) {
    s = samplerOf(type[what], m.opts.streams.stream(`${what}/${type.name}`));
    cache.set(type.name, s);
  }
  return s;
}

/** A booted instance joins its pool's capacity, serves its own request first, then the line. */
export function ready(m: ClusterState, inst: Instance): void {
  if (inst.state !== "booting") return;
  const now = m.scheduler.now;
  const pool = inst.pool;
  pool.booting--;
  pool.bootingSlots -= inst.slots;
  pool.ready++;
  pool.freeSlots += inst.slots;
  pool.account(now, 0, inst.slots);
  inst.readyAtS = now;
  inst.changeBusy(0, now);
  inst.state = "idle";
  const own = pool.takeHeld(inst);
  if (own) {
    if (own.timeoutHandle >= 0) m.scheduler.cancel(own.timeoutHandle);
    startOn(m, own.request, inst, 0, NaN, true, own.alloc);
  }
  pullWork(m, inst);
  settleIfFree(m, inst);
}

/**
 * Ends an instance: at once if idle or booting; a busy one drains its work
 * first. With `afterIdleS`, an idle instance ends once idle that long
 * (work taking it first cancels that); others are left as they are.
 */
export function release(m: ClusterState, instanceId: number, afterIdleS?: number): void {
  const inst = m.instancesById.get(instanceId);
  if (!inst) return;
  if (afterIdleS !== undefined) {
    expireAfterIdle(m, inst, afterIdleS);
    return;
  }
  const pool = inst.pool;
  if (inst.state === "busy") {
    // A draining instance finishes its work outside the pool's capacity.
    pool.account(m.scheduler.now, -inst.busySlots, -inst.slots);
    pool.ready--;
    pool.freeSlots -= inst.slots - inst.busySlots;
    pool.draining++;
    inst.state = "draining";
  } else if (inst.state === "idle" || inst.state === "booting") {
    terminate(m, inst);
  }
}

/** Ends `inst` once idle `afterIdleS` (release with afterIdleS); no-op unless it idles now. */
export function expireAfterIdle(m: ClusterState, inst: Instance, afterIdleS: number): void {
  if (inst.state !== "idle" || Number.isNaN(inst.idleSinceS)) return;
  const due = inst.idleSinceS + afterIdleS;
  if (!(due < Infinity)) {
    inst.expiresAtS = NaN;
    return;
  }
  inst.expiresAtS = Math.max(m.scheduler.now, due);
  inst.expirySeq = m.scheduler.reserve();
  // In a FaaS run work takes an idle sandbox long before its keep-alive
  // ends, once per request: rather than cancel that event and schedule a
  // new one each time, an earlier pending one is kept, and when it falls
  // due it schedules the current expiry (expireIdle). The reserved
  // sequence orders it as if scheduled now, so every event runs in the
  // order it did with one event per idle stretch.
  if (inst.idleHandle >= 0 && inst.idleEventAtS < inst.expiresAtS) return;
  if (inst.idleHandle >= 0) m.scheduler.cancel(inst.idleHandle);
  scheduleExpiry(m, inst);
}

function scheduleExpiry(m: ClusterState, inst: Instance): void {
  const at = inst.expiresAtS;
  inst.idleHandle = m.scheduler.atReserved(
    at,
    m.on.idleExpiry,
    inst,
    PRIORITY_URGENT,
    inst.expirySeq,
  );
  inst.idleEventAtS = at;
}

function terminate(m: ClusterState, inst: Instance): void {
  const now = m.scheduler.now;
  const pool = inst.pool;
  let unheld = false;
  if (inst.state === "booting") {
    pool.booting--;
    pool.bootingSlots -= inst.slots;
    unheld = pool.unhold(inst);
  } else if (inst.state === "draining") {
    pool.draining--;
  } else {
    pool.account(now, 0, -inst.slots);
    pool.ready--;
    pool.freeSlots -= inst.slots - inst.busySlots;
    if (inst.state === "idle" && !Number.isNaN(inst.idleSinceS)) pool.idle--;
  }
  if (inst.idleHandle >= 0) {
    m.scheduler.cancel(inst.idleHandle);
    inst.idleHandle = -1;
  }
  settleInstance(m, inst, now);
  inst.state = "terminated";
  inst.terminatedAtS = now;
  pool.remove(inst);
  m.instancesById.delete(inst.id);
  m.metrics.changeAlive(-1, now);
  // The request it was started for now waits like any other: a free slot takes it.
  const free = unheld ? pool.pick() : undefined;
  if (free) pullWork(m, free);
}
