/**
 * The viewer's charts: the report's own chart specifications (reports/html/
 * charts), fed every opened run's policies as one series each. Cost and the
 * fleet are the whole run's whatever the filter (neither is split by
 * function or class); latency and cold starts follow a function filter.
 */
import { coldStartsChart } from "../../reports/html/charts/cold-starts.js";
import { costVsSlaChart } from "../../reports/html/charts/cost-vs-sla.js";
import { instancesOverTimeChart } from "../../reports/html/charts/instances-over-time.js";
import { latencyCdfChart } from "../../reports/html/charts/latency-cdf.js";
import type { ChartSection } from "../../reports/html/input.js";
import { RequestDigest, type RequestDigestData } from "../../reports/html/request-digest.js";
import type { PolicySummary, RequestRecord } from "../../sim/model/summary.js";
import type { Filter } from "./filter.js";
import { seriesName, type LoadedRun } from "./run-data.js";

export interface ViewChart extends ChartSection {
  /** What part of the data the chart shows, under the filter. */
  readonly scope: string;
}

function horizonOf(runs: readonly LoadedRun[]): number {
  return Math.max(...runs.map((r) => r.summary.horizonS));
}

function seriesPolicies(runs: readonly LoadedRun[]): PolicySummary[] {
  return runs.flatMap((run) =>
    run.summary.policies.map((p) => ({ ...p, policy: seriesName(run, p.policy, runs.length) })),
  );
}

/** Per series, the digest of the filtered requests, counts as means per replication. */
function digestOf(runs: readonly LoadedRun[], filter: Filter): RequestDigestData | undefined {
  const withRequests = runs.filter((r) => r.requests !== null);
  if (withRequests.length === 0) return undefined;
  const horizonS = horizonOf(runs);
  const parts = withRequests.map((run) => {
    const digest = new RequestDigest(horizonS);
    for (const r of run.requests!) {
      if (filter.kind === "function" && r.functionId !== filter.functionId) continue;
      digest.record({ ...r, policy: seriesName(run, r.policy, runs.length) } as RequestRecord);
    }
    const per = Math.max(1, run.summary.replications);
    const data = digest.data();
    return {
      intervalS: data.intervalS,
      policies: data.policies.map((p) => ({
        ...p,
        completedByInterval: p.completedByInterval.map((n) => n / per),
        coldStartsByInterval: p.coldStartsByInterval.map((n) => n / per),
      })),
    };
  });
  return { intervalS: parts[0]!.intervalS, policies: parts.flatMap((p) => p.policies) };
}

const WHOLE = "Whole run (not split by function or class).";

export function viewCharts(runs: readonly LoadedRun[], filter: Filter): ViewChart[] {
  const policies = seriesPolicies(runs);
  const names = policies.map((p) => p.policy);
  const horizonS = horizonOf(runs);
  const digest = digestOf(runs, filter);
  const byFunction = filter.kind === "function";
  // A function's latency is known only from requests.csv: runs without one are left out.
  const latencyPolicies = byFunction
    ? policies.filter((p) => digest?.policies.some((d) => d.policy === p.policy))
    : policies;
  const timeseries = runs.flatMap((run) =>
    run.timeseries.map((t) => ({ ...t, policy: seriesName(run, t.policy, runs.length) })),
  );
  const fleet = instancesOverTimeChart(timeseries, horizonS);
  const out: ViewChart[] = [
    { ...costVsSlaChart(policies), scope: WHOLE },
    {
      ...latencyCdfChart(latencyPolicies, runs[0]!.summary.slaLatencyS, digest),
      scope: byFunction
        ? `Requests of function ${filter.functionId} (runs with requests.csv).`
        : filter.kind === "class"
          ? "All requests: requests.csv does not say which class a request was in."
          : "All requests.",
    },
  ];
  if (fleet) out.push({ ...fleet, scope: WHOLE });
  if (digest)
    out.push({
      ...coldStartsChart(names, digest, horizonS, 1),
      caption: `Completed requests that waited for an instance to boot, per ${digest.intervalS} s of arrival time, mean per replication.`,
      scope: byFunction
        ? `Requests of function ${filter.functionId} (runs with requests.csv).`
        : "All requests (runs with requests.csv).",
    });
  return out;
}
