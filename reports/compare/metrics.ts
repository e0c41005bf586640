/**
 * The figures `sim compare` sets side by side: the numeric columns of
 * summary.csv (their names, units and meanings come from legend.ts), where
 * each sits in summary.json, which ones carry a 95% interval, and which
 * way is better. A metric with no better direction (how many requests
 * arrived, how many instances ran) can change significantly but is never
 * called better or worse: cost and SLA already judge what it costs.
 */
import type { NumericUnit } from "../csv-precision.js";
import { SUMMARY_CSV } from "../legend.js";

export type Better = "lower" | "higher" | "neither";

export interface Metric {
  /** The summary.csv column. */
  readonly id: keyof typeof SUMMARY_CSV;
  readonly unit: NumericUnit;
  readonly means: string;
  /** Where the figure is in a policy's entry of summary.json. */
  readonly path: readonly string[];
  /** Its key in the entry's `ci95`, for the figures that have an interval. */
  readonly ci95Key?: string;
  readonly better: Better;
}

type Entry = readonly [
  id: keyof typeof SUMMARY_CSV,
  path: string,
  better: Better,
  ci95Key?: string,
];

const ENTRIES: readonly Entry[] = [
  ["requests", "requests", "neither"],
  ["completed", "completed", "higher"],
  ["failed", "failed", "lower"],
  ["failed_oom", "failedOutOfMemory", "lower"],
  ["retried_oom", "retriedOutOfMemory", "lower"],
  ["failed_timeout", "failedTimeout", "lower"],
  ["rejected", "rejected", "lower"],
  ["in_flight_at_end", "inFlightAtEnd", "neither"],
  ["cold_starts", "coldStarts", "lower"],
  ["cold_start_ratio", "coldStartRatio", "lower"],
  ["notices", "notices", "neither"],
  ["notices_late", "noticesLate", "lower"],
  ["latency_mean_s", "latencyS.mean", "lower"],
  ["latency_p50_s", "latencyS.p50", "lower", "latencyP50S"],
  ["latency_p95_s", "latencyS.p95", "lower"],
  ["latency_p99_s", "latencyS.p99", "lower", "latencyP99S"],
  ["latency_max_s", "latencyS.max", "lower"],
  ["queue_wait_mean_s", "queueWaitS.mean", "lower"],
  ["queue_wait_p99_s", "queueWaitS.p99", "lower"],
  ["cost_usd", "costUsd", "lower", "costUsd"],
  ["idle_cost_usd", "idleCostUsd", "lower"],
  ["mean_instances", "meanInstances", "neither", "meanInstances"],
  ["max_instances", "maxInstances", "neither"],
  ["utilization", "utilization", "neither"],
  ["sla_attainment", "slaAttainment", "higher", "slaAttainment"],
];

export const METRICS: readonly Metric[] = ENTRIES.map(([id, path, better, ci95Key]) => {
  const term = SUMMARY_CSV[id];
  if (term.unit === "text") throw new Error(`reports/compare/metrics.ts: ${id} is not a number`);
  return {
    id,
    unit: term.unit,
    means: term.means,
    path: path.split("."),
    better,
    ...(ci95Key === undefined ? {} : { ci95Key }),
  };
});
