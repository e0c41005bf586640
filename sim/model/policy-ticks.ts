/**
 * The policy's periodic call: each pool's utilization window closes, the
 * policy decides, and the next call is scheduled within the horizon.
 */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import { applyAll } from "./apply-actions.js";
import { policyContext, type ClusterState } from "./cluster-state.js";

export function tick(m: ClusterState): void {
  const now = m.scheduler.now;
  for (const pool of m.pools.values()) pool.closeWindow(now);
  const { policy, policyConfig } = m.opts;
  applyAll(m, policy.onTick!(m.policyState, policyConfig, m.fleet, policyContext(m)));
  const next = now + policy.tickS!(policyConfig);
  if (next < m.opts.horizonS) m.scheduler.at(next, m.on.tick, undefined, PRIORITY_LATE);
}
