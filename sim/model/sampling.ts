/** The run's time series: the fleet sampled every interval, within the horizon. */
import { PRIORITY_LATE } from "../engine/scheduler.js";
import type { ClusterState } from "./cluster-state.js";
import { sampleFleet } from "./fleet-sample.js";

export function sample(m: ClusterState): void {
  const now = m.scheduler.now;
  for (const row of sampleFleet(m.opts.policyName, now, m.pools.values())) m.opts.onSample!(row);
  const next = now + m.opts.sampleIntervalS;
  if (next < m.opts.horizonS) m.scheduler.at(next, m.on.sampleTick, undefined, PRIORITY_LATE);
}
