/**
 * Stage `aggregate` for a sweep: per point and policy, the mean of every
 * metric over the replications that ran, with its 95% Student t
 * half-width (null for fewer than two), and the jobs that failed.
 */
import type { RunSummary } from "../model/summary.js";
import {
  SWEEP_METRICS,
  type JobFailure,
  type MetricEstimate,
  type SweepMetric,
  type SweepReport,
} from "../../reports/sweep-metrics.js";
import { halfWidth95 } from "./confidence.js";
import type { PoolOutcome } from "./pool-job.js";
import type { SweepFrame } from "./sweep-frame.js";

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Of a metric some run could not give (NaN, null once through JSON), there is no estimate. */
function estimate(values: readonly (number | null)[]): MetricEstimate {
  const xs = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x));
  if (xs.length === 0 || xs.length < values.length) return { mean: null, ci95: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  return { mean: finite(mean), ci95: xs.length < 2 ? null : finite(halfWidth95(xs)) };
}

/** `outcomes[i]` is the outcome of `frame.jobs[i]`. */
export function aggregateSweep(frame: SweepFrame, outcomes: readonly PoolOutcome[]): SweepReport {
  const runs = frame.points.map((p) => p.policies.map(() => [] as RunSummary[]));
  const failures: JobFailure[] = [];
  frame.jobs.forEach((job, i) => {
    const o = outcomes[i]!;
    if (o.ok) runs[job.point]![job.policyIndex]!.push(o.summary);
    else
      failures.push({
        job: job.index,
        point: job.point,
        policy: job.policy,
        replication: job.replication,
        seed: job.seed,
        error: o.error,
      });
  });
  return {
    scenario: frame.scenario.name,
    description: frame.scenario.description,
    seed: frame.seed,
    horizonS: frame.horizonS,
    slaLatencyS: frame.slaLatencyS,
    replications: frame.replications,
    parameters: frame.parameters,
    points: frame.points.map((p) => ({
      point: p.point,
      values: Object.fromEntries(p.values.map((v) => [v.path, v.value])),
      policies: p.policies.map((policy, k) => {
        const rs = runs[p.point]![k]!;
        const metrics = Object.fromEntries(
          Object.entries(SWEEP_METRICS).map(([name, m]) => [name, estimate(rs.map(m.get))]),
        ) as Record<SweepMetric, MetricEstimate>;
        const attainment = metrics.slaAttainment.mean;
        return {
          policy,
          replications: rs.length,
          meetsSla: attainment === null ? null : attainment >= p.slaTarget,
          metrics,
        };
      }),
    })),
    jobs: frame.jobs.length,
    failures,
  };
}
