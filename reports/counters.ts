/**
 * The counters of the actions a policy took beside cost and SLA (upgrades,
 * resizes, pre-instantiations used and wasted, containers per VM, tasks
 * per request, ...): one getter per summary.csv column, read by the CSV
 * and by the terminal's counter table alike. Undefined where the run had
 * no such section.
 */
import type { PolicySummary } from "../sim/model/summary.js";

export const COUNTERS = {
  allocations: (p: PolicySummary) => p.allocations?.allocations,
  containers_per_vm: (p: PolicySummary) => p.allocations?.containersPerVm,
  resizes: (p: PolicySummary) => p.allocations?.resizes,
  upgrades: (p: PolicySummary) => p.allocations?.upgrades,
  upgrade_restarts: (p: PolicySummary) => p.allocations?.upgradeRestarts,
  upgrade_cost_usd: (p: PolicySummary) => p.allocations?.upgradeCostUsd,
  saved_from_oom: (p: PolicySummary) => p.allocations?.savedFromOutOfMemory,
  preinstantiations_used: (p: PolicySummary) => p.allocations?.bindsHit,
  preinstantiations_wasted: (p: PolicySummary) => p.allocations?.bindsWasted,
  preinstantiations_wasted_cost_usd: (p: PolicySummary) => p.allocations?.bindsWastedCostUsd,
  profile_requests: (p: PolicySummary) => p.allocations?.profileRequests,
  profile_grants: (p: PolicySummary) => p.allocations?.profileGrants,
  profile_grant_cost_usd: (p: PolicySummary) => p.allocations?.grantCostUsd,
  split_requests: (p: PolicySummary) => p.splits?.requests,
  tasks_per_request: (p: PolicySummary) => p.splits?.tasksPerRequest,
  rejected_actions: (p: PolicySummary) => p.allocations?.rejectedActions,
} as const;

export type Counter = keyof typeof COUNTERS;
