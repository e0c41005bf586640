/** One time-series sample of a fleet: instances by state, per type. */
import type { Pool } from "./pool.js";
import type { TimeseriesRow } from "./summary.js";

function emptyRow(policy: string, timeS: number, type: string): TimeseriesRow {
  return {
    policy,
    timeS,
    type,
    booting: 0,
    idle: 0,
    busy: 0,
    draining: 0,
    queueLength: 0,
    costUsdPerHour: 0,
  };
}

/** A row per instance type alive (one empty row when none is), sorted by type. */
export function sampleFleet(policy: string, timeS: number, pools: Iterable<Pool>): TimeseriesRow[] {
  const byType = new Map<string, TimeseriesRow>();
  let queue = 0;
  for (const pool of pools) {
    queue += pool.queueLength;
    for (const inst of pool.instances) {
      let row = byType.get(inst.type.name);
      if (!row) byType.set(inst.type.name, (row = emptyRow(policy, timeS, inst.type.name)));
      row[inst.state as "booting" | "idle" | "busy" | "draining"]++;
      row.costUsdPerHour += inst.type.usdPerHour;
    }
  }
  const rows = [...byType.values()].sort((a, b) => (a.type < b.type ? -1 : 1));
  if (rows.length === 0) rows.push(emptyRow(policy, timeS, ""));
  for (const row of rows) row.queueLength = queue;
  return rows;
}
