/**
 * How the model calls its policy: each hook gets a fresh context, the state
 * it returns replaces the old, and its actions are applied at once. Hooks
 * with a request to place (onArrival) apply their own (arrivals.ts).
 */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import type { Action, Decision, PolicyContext } from "../policies/types.js";
import { applyAll, applyOne } from "./apply-actions.js";
import type { ClusterState } from "./cluster-state.js";
import type { Instance } from "./instance.js";
import { instanceView } from "./fleet-view.js";
import { expireAfterIdle } from "./lifecycle.js";

/** The context of one hook call: the clock now, the policy's stream, the log, the profiles. */
export function policyContext(m: ClusterState): PolicyContext {
  const profiles = m.opts.behavior;
  return profiles
    ? { nowS: m.scheduler.now, random: m.random, log: m.log, profiles: profiles.book }
    : { nowS: m.scheduler.now, random: m.random, log: m.log };
}

/** Keeps a decision's state and gives back its actions. */
export function adopt(m: ClusterState, d: Decision<unknown>): readonly Action[] {
  m.policyState = d.state;
  return d.actions;
}

/** An instance has nothing left to do: the policy may keep it (keep-alive) or release it. */
export function idle(m: ClusterState, inst: Instance): void {
  const { policy, policyConfig } = m.opts;
  if (!m.hooks.idle) return;
  // The policy declared what its onIdle returns here (Policy.idleKeepAliveS):
  // the same keep-alive as calling it, without the views, context and decision.
  if (m.idleKeepAliveS !== undefined) {
    expireAfterIdle(m, inst, m.idleKeepAliveS);
    return;
  }
  const d = policy.onIdle!(
    m.policyState,
    policyConfig,
    instanceView(inst),
    m.fleet,
    policyContext(m),
  );
  for (const a of adopt(m, d)) {
    // The usual answer, a keep-alive for this very instance: applied without a lookup by id.
    if (a.kind === "release" && a.instanceId === inst.id && a.afterIdleS !== undefined)
      expireAfterIdle(m, inst, a.afterIdleS);
    else applyOne(m, a);
  }
}

/** Sets, replaces or (atS null) cancels the policy's timer `key`. */
export function setTimer(m: ClusterState, key: string, atS: number | null): void {
  const pending = m.timers.get(key);
  if (pending !== undefined) {
    m.scheduler.cancel(pending);
    m.timers.delete(key);
  }
  if (atS === null || atS >= m.opts.horizonS) return;
  const at = Math.max(m.scheduler.now, atS);
  m.timers.set(key, m.scheduler.at(at, m.on.timer, key, PRIORITY_LATE));
}

export function fireTimer(m: ClusterState, key: string): void {
  m.timers.delete(key);
  const { policy, policyConfig } = m.opts;
  if (!m.hooks.timer) return;
  applyAll(
    m,
    adopt(m, policy.onTimer!(m.policyState, policyConfig, key, m.fleet, policyContext(m))),
  );
}
