/**
 * The counters of the actions a policy took beside cost and SLA (upgrades,
 * resizes, pre-instantiations used and wasted, containers per VM, tasks
 * per request, ...): one getter per summary.csv column, read by the CSV
 * and by the terminal's counter table alike. Undefined where the run had
 * no such section.
 */
import type { PolicySummary } from "../sim/model/summary.js";

export const COUNTERS = {
  allocations: (p) => p.allocations?.allocations,
  containers_per_vm: (p) => p.allocations?.containersPerVm,
  resizes: (p) => p.allocations?.resizes,
  upgrades: (p) => p.allocations?.upgrades,
  upgrade_restarts: (p) => p.allocations?.upgradeRestarts,
  upgrade_cost_usd: (p) => p.allocations?.upgradeCostUsd,
  saved_from_oom: (p) => p.allocations?.savedFromOutOfMemory,
  preinstantiations_used: (p) => p.allocations?.bindsHit,
  preinstantiations_wasted: (p) => p.allocations?.bindsWasted,
  preinstantiations_wasted_cost_usd: (p) => p.allocations?.bindsWastedCostUsd,
  profile_requests: (p) => p.allocations?.profileRequests,
  profile_grants: (p) => p.allocations?.profileGrants,
  profile_grant_cost_usd: (p) => p.allocations?.grantCostUsd,
  split_requests: (p) => p.splits?.requests,
  tasks_per_request: (p) => p.splits?.tasksPerRequest,
  rejected_actions: (p) => p.allocations?.rejectedActions,
} satisfies Record<string, (p: PolicySummary) => number | undefined>;

export type Counter = keyof typeof COUNTERS;
