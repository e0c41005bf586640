/** The policy's periodic call: the policy decides, and the next call is scheduled within the horizon. */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import { applyAll } from "./apply-actions.js";
import type { ClusterState } from "./cluster-state.js";
import { adopt, policyContext } from "./policy-calls.js";

export function tick(m: ClusterState): void {
  const now = m.scheduler.now;
  const { policy, policyConfig } = m.opts;
  applyAll(m, adopt(m, policy.onTick!(m.policyState, policyConfig, m.fleet, policyContext(m))));
  const next = now + policy.tickS!(policyConfig);
  if (next < m.opts.horizonS) m.scheduler.at(next, m.on.tick, undefined, PRIORITY_LATE);
}
