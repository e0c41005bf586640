/**
 * What a sweep reports per point and policy: the mean of each metric over
 * the replications that ran and its 95% interval, with each metric's unit
 * (for the CSV's rounding); and the jobs that failed.
 */
import type { RunSummary } from "../sim/model/summary.js";
import type { NumericUnit } from "./csv-precision.js";

/** The metrics a sweep reports, each a number of one run's summary. */
export const SWEEP_METRICS = {
  requests: { unit: "count", get: (r: RunSummary) => r.requests },
  completed: { unit: "count", get: (r: RunSummary) => r.completed },
  failed: { unit: "count", get: (r: RunSummary) => r.failed },
  rejected: { unit: "count", get: (r: RunSummary) => r.rejected },
  coldStarts: { unit: "count", get: (r: RunSummary) => r.coldStarts },
  coldStartRatio: { unit: "ratio", get: (r: RunSummary) => r.coldStartRatio },
  latencyMeanS: { unit: "seconds", get: (r: RunSummary) => r.latencyS.mean },
  latencyP50S: { unit: "seconds", get: (r: RunSummary) => r.latencyS.p50 },
  latencyP95S: { unit: "seconds", get: (r: RunSummary) => r.latencyS.p95 },
  latencyP99S: { unit: "seconds", get: (r: RunSummary) => r.latencyS.p99 },
  latencyMaxS: { unit: "seconds", get: (r: RunSummary) => r.latencyS.max },
  queueWaitMeanS: { unit: "seconds", get: (r: RunSummary) => r.queueWaitS.mean },
  queueWaitP99S: { unit: "seconds", get: (r: RunSummary) => r.queueWaitS.p99 },
  costUsd: { unit: "usd", get: (r: RunSummary) => r.costUsd },
  idleCostUsd: { unit: "usd", get: (r: RunSummary) => r.idleCostUsd },
  meanInstances: { unit: "count", get: (r: RunSummary) => r.meanInstances },
  maxInstances: { unit: "count", get: (r: RunSummary) => r.maxInstances },
  utilization: { unit: "ratio", get: (r: RunSummary) => r.utilization },
  slaAttainment: { unit: "ratio", get: (r: RunSummary) => r.slaAttainment },
  // Prediction error (NaN, so no estimate, for a policy that does not predict).
  mapeServiceS: { unit: "ratio", get: (r: RunSummary) => r.predictions?.mape.serviceS ?? NaN },
  mapeCpuSeconds: { unit: "ratio", get: (r: RunSummary) => r.predictions?.mape.cpuSeconds ?? NaN },
  mapePeakMem: { unit: "ratio", get: (r: RunSummary) => r.predictions?.mape.peakMemMiB ?? NaN },
} as const satisfies Record<string, { unit: NumericUnit; get: (r: RunSummary) => number }>;

export type SweepMetric = keyof typeof SWEEP_METRICS;

export interface MetricEstimate {
  readonly mean: number | null;
  /** Half-width of the 95% interval of the mean; null for fewer than two replications. */
  readonly ci95: number | null;
}

export interface PointPolicy {
  readonly policy: string;
  /** Replications that ran to the end. */
  readonly replications: number;
  /** Whether the mean SLA attainment reaches the scenario's target. */
  readonly meetsSla: boolean | null;
  readonly metrics: Readonly<Record<SweepMetric, MetricEstimate>>;
}

export interface JobFailure {
  readonly job: number;
  readonly point: number;
  readonly policy: string;
  readonly replication: number;
  readonly seed: number;
  readonly error: string;
}

export interface SweepReport {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  readonly replications: number;
  readonly parameters: readonly string[];
  readonly points: readonly {
    readonly point: number;
    readonly values: Readonly<Record<string, unknown>>;
    readonly policies: readonly PointPolicy[];
  }[];
  readonly jobs: number;
  readonly failures: readonly JobFailure[];
}
