/**
 * A policy's figures computed from its rows of requests.csv (every
 * replication's, pooled): counts are means per replication, as in
 * summary.json; latency percentiles are of the pooled completed requests.
 * SLA attainment is as the summary defines it: completed within the SLA
 * latency, per request that ended.
 */
import type { RequestRow } from "./run-data.js";

export interface RequestFigures {
  readonly requests: number;
  readonly completed: number;
  readonly slaAttainment: number | null;
  readonly latencyMeanS: number | null;
  readonly latencyP50S: number | null;
  readonly latencyP99S: number | null;
  readonly coldStarts: number;
  readonly coldStartRatio: number | null;
}

/** The nearest-rank quantile of sorted values. */
function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function requestFigures(
  rows: readonly RequestRow[],
  slaLatencyS: number,
  replications: number,
): RequestFigures {
  const latencies: number[] = [];
  let withinSla = 0;
  let cold = 0;
  let sum = 0;
  for (const r of rows) {
    if (r.outcome !== "completed") continue;
    const latencyS = r.endS - r.arrivalS;
    latencies.push(latencyS);
    sum += latencyS;
    if (latencyS <= slaLatencyS) withinSla++;
    if (r.cold) cold++;
  }
  latencies.sort((a, b) => a - b);
  const per = Math.max(1, replications);
  const n = latencies.length;
  return {
    requests: rows.length / per,
    completed: n / per,
    slaAttainment: rows.length > 0 ? withinSla / rows.length : null,
    latencyMeanS: n > 0 ? sum / n : null,
    latencyP50S: quantile(latencies, 0.5),
    latencyP99S: quantile(latencies, 0.99),
    coldStarts: cold / per,
    coldStartRatio: n > 0 ? cold / n : null,
  };
}
