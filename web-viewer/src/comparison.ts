/**
 * The comparison table: a row per run and policy, side by side, under the
 * filter. Unfiltered, the figures are summary.json's; for a function they
 * are computed from requests.csv; for an SLA class they are the summary's
 * byClass figures. A figure the data cannot give under the filter is null.
 */
import type { PolicySummary } from "../../sim/model/summary.js";
import type { Filter } from "./filter.js";
import { requestFigures } from "./request-figures.js";
import type { LoadedRun } from "./run-data.js";

export interface ComparisonRow {
  readonly run: string;
  readonly policy: string;
  readonly requests: number | null;
  readonly completed: number | null;
  readonly slaAttainment: number | null;
  readonly slaAttainmentCi95: number | null;
  readonly costUsd: number | null;
  readonly costUsdCi95: number | null;
  readonly latencyMeanS: number | null;
  readonly latencyP50S: number | null;
  readonly latencyP99S: number | null;
  readonly coldStarts: number | null;
  readonly coldStartRatio: number | null;
  readonly meanInstances: number | null;
}

export type FigureKey = Exclude<keyof ComparisonRow, "run" | "policy">;

const NONE = {
  requests: null,
  completed: null,
  slaAttainment: null,
  slaAttainmentCi95: null,
  costUsd: null,
  costUsdCi95: null,
  latencyMeanS: null,
  latencyP50S: null,
  latencyP99S: null,
  coldStarts: null,
  coldStartRatio: null,
  meanInstances: null,
} as const;

function whole(p: PolicySummary): Omit<ComparisonRow, "run" | "policy"> {
  return {
    requests: p.requests,
    completed: p.completed,
    slaAttainment: p.slaAttainment,
    slaAttainmentCi95: p.ci95?.slaAttainment ?? null,
    costUsd: p.costUsd,
    costUsdCi95: p.ci95?.costUsd ?? null,
    latencyMeanS: p.latencyS.mean,
    latencyP50S: p.latencyS.p50,
    latencyP99S: p.latencyS.p99,
    coldStarts: p.coldStarts,
    coldStartRatio: p.coldStartRatio,
    meanInstances: p.meanInstances,
  };
}

function figures(
  run: LoadedRun,
  p: PolicySummary,
  filter: Filter,
): Omit<ComparisonRow, "run" | "policy"> {
  if (filter.kind === "all") return whole(p);
  if (filter.kind === "class") {
    const c = p.byClass?.[filter.slaClass];
    if (!c) return NONE;
    return {
      ...NONE,
      requests: c.requests,
      completed: c.completed,
      slaAttainment: c.slaAttainment,
      latencyMeanS: c.latencyMeanS,
    };
  }
  if (!run.requests) return NONE;
  const rows = run.requests.filter(
    (r) => r.policy === p.policy && r.functionId === filter.functionId,
  );
  return { ...NONE, ...requestFigures(rows, run.summary.slaLatencyS, p.replications) };
}

export function comparisonRows(runs: readonly LoadedRun[], filter: Filter): ComparisonRow[] {
  return runs.flatMap((run) =>
    run.summary.policies.map((p) => ({
      run: run.label,
      policy: p.policy,
      ...figures(run, p, filter),
    })),
  );
}
