/** Stage `expand`: policies x replications become independent jobs. */
import type { NormalizedScenario } from "../scenario/validate.js";

export interface Job {
  readonly index: number;
  readonly policyIndex: number;
  readonly replication: number;
}

/**
 * Jobs in a fixed order. Every policy of a replication draws its workload
 * from the same named streams (common random numbers), so differences
 * between policies are theirs, not the dice's.
 */
export function expandJobs(s: NormalizedScenario): Job[] {
  const jobs: Job[] = [];
  for (let r = 0; r < s.replications; r++) {
    for (let p = 0; p < s.policies.length; p++)
      jobs.push({ index: jobs.length, policyIndex: p, replication: r });
  }
  return jobs;
}
