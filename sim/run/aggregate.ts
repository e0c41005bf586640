/** Stage `aggregate`: one summary per policy, averaged over replications. */
import type { Confidence95, PolicySummary, RunSummary } from "../model/summary.js";
import { halfWidth95 } from "./confidence.js";
import type { JobResult } from "./run-job.js";

export type { Confidence95, PolicySummary };

function confidence(runs: readonly RunSummary[]): Confidence95 | null {
  if (runs.length < 2) return null;
  const of = (get: (r: RunSummary) => number) => halfWidth95(runs.map(get));
  return {
    costUsd: of((r) => r.costUsd),
    latencyP50S: of((r) => r.latencyS.p50),
    latencyP99S: of((r) => r.latencyS.p99),
    slaAttainment: of((r) => r.slaAttainment),
    meanInstances: of((r) => r.meanInstances),
  };
}

export function aggregate(
  results: readonly JobResult[],
  labels: readonly string[],
): PolicySummary[] {
  return labels.map((label, p) => {
    const runs = results.filter((r) => r.job.policyIndex === p).map((r) => r.summary);
    return {
      ...(mean(runs) as RunSummary),
      policy: label,
      replications: runs.length,
      ci95: confidence(runs),
    };
  });
}

/** Field-by-field mean of same-shaped records (numbers averaged, keys unioned). */
function mean(values: readonly unknown[]): unknown {
  const first = values.find((v) => v !== undefined);
  if (typeof first === "number")
    return (values as number[]).reduce((a, b) => a + b, 0) / values.length;
  if (first && typeof first === "object") {
    // A section only some replications have (e.g. allocations) counts as zeros in the others.
    const keys = new Set(values.flatMap((v) => Object.keys((v ?? {}) as object)));
    const out: Record<string, unknown> = {};
    for (const k of [...keys]) {
      const column = values.map((v) => (v as Record<string, unknown> | undefined)?.[k]);
      const numeric = column.some((x) => typeof x === "number");
      out[k] = mean(numeric ? column.map((x) => x ?? 0) : column);
    }
    return out;
  }
  return first;
}
