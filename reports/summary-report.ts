/**
 * The summary of a run in its three shapes: JSON (everything, full
 * precision, stable key order), CSV (a row per policy, units in the column
 * names, rounded per unit) and the terminal table (policies side by side).
 * Every CSV column and table row is defined in legend.ts.
 */
import type { PolicySummary, TimeseriesRow } from "../sim/model/summary.js";
import { toCsv } from "./csv.js";
import { columnsOf } from "./csv-columns.js";
import { COUNTERS } from "./counters.js";
import { TABLE_ROWS, type TableRow } from "./legend.js";
import { textTable } from "./text-table.js";
import { fmtDuration, int, pct, secs, share, usd, wholeParts } from "./text-format.js";

export interface RunReport {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  readonly replications: number;
  readonly policies: readonly PolicySummary[];
}

export function summaryJson(report: RunReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

const SUMMARY_COLUMNS = columnsOf<"summary.csv", PolicySummary>("summary.csv", {
  policy: (p) => p.policy,
  replications: (p) => p.replications,
  requests: (p) => p.requests,
  completed: (p) => p.completed,
  failed: (p) => p.failed,
  failed_oom: (p) => p.failedOutOfMemory,
  retried_oom: (p) => p.retriedOutOfMemory,
  failed_timeout: (p) => p.failedTimeout,
  rejected: (p) => p.rejected,
  in_flight_at_end: (p) => p.inFlightAtEnd,
  cold_starts: (p) => p.coldStarts,
  cold_start_ratio: (p) => p.coldStartRatio,
  notices: (p) => p.notices,
  notices_late: (p) => p.noticesLate,
  latency_mean_s: (p) => p.latencyS.mean,
  latency_p50_s: (p) => p.latencyS.p50,
  latency_p95_s: (p) => p.latencyS.p95,
  latency_p99_s: (p) => p.latencyS.p99,
  latency_max_s: (p) => p.latencyS.max,
  queue_wait_mean_s: (p) => p.queueWaitS.mean,
  queue_wait_p99_s: (p) => p.queueWaitS.p99,
  cost_usd: (p) => p.costUsd,
  idle_cost_usd: (p) => p.idleCostUsd,
  mean_instances: (p) => p.meanInstances,
  max_instances: (p) => p.maxInstances,
  utilization: (p) => p.utilization,
  sla_attainment: (p) => p.slaAttainment,
  cost_usd_ci95: (p) => p.ci95?.costUsd,
  latency_p99_s_ci95: (p) => p.ci95?.latencyP99S,
  sla_attainment_ci95: (p) => p.ci95?.slaAttainment,
  predicted_requests: (p) => p.predictions?.requests,
  mape_service_s: (p) => p.predictions?.mape.serviceS,
  mape_cpu_seconds: (p) => p.predictions?.mape.cpuSeconds,
  mape_peak_mem: (p) => p.predictions?.mape.peakMemMiB,
  envelope_confidence: (p) => p.predictions?.envelope?.statedConfidence,
  envelope_coverage: (p) => p.predictions?.envelope?.coverage.all,
  ...COUNTERS,
});

const TIMESERIES_COLUMNS = columnsOf<"timeseries.csv", TimeseriesRow>("timeseries.csv", {
  policy: (r) => r.policy,
  time_s: (r) => r.timeS,
  instance_type: (r) => r.type,
  booting: (r) => r.booting,
  idle: (r) => r.idle,
  busy: (r) => r.busy,
  draining: (r) => r.draining,
  queue_length: (r) => r.queueLength,
  cost_usd_per_hour: (r) => r.costUsdPerHour,
});

export function summaryCsv(report: RunReport): string {
  return toCsv(report.policies, SUMMARY_COLUMNS);
}

export function timeseriesCsv(rows: readonly TimeseriesRow[]): string {
  return toCsv(rows, TIMESERIES_COLUMNS);
}

/** A figure and, with replications, the half-width of its 95% interval. */
function withCi(text: string, half: number | undefined, fmt: (x: number) => string): string {
  return half === undefined ? text : `${text} ±${fmt(half)}`;
}

/** One policy's column, row by row, in the legend's order. */
function column(p: PolicySummary): Record<TableRow, string> {
  const [completed, failed, rejected, inFlight] = wholeParts(p.requests, [
    p.completed,
    p.failed,
    p.rejected,
    p.inFlightAtEnd,
  ]).map(int);
  const ci = p.ci95 ?? undefined;
  return {
    requests: int(p.requests),
    completed: completed!,
    failed: failed!,
    rejected: rejected!,
    "in flight at end": inFlight!,
    "cost (USD)": usd(p.costUsd, ci?.costUsd),
    "  idle share": pct(p.costUsd > 0 ? p.idleCostUsd / p.costUsd : 0),
    "latency p50": secs(p.latencyS.p50),
    "latency p95": secs(p.latencyS.p95),
    "latency p99": withCi(secs(p.latencyS.p99), ci?.latencyP99S, secs),
    "cold-start ratio": pct(p.coldStartRatio),
    "SLA attainment": withCi(pct(p.slaAttainment, 2), ci?.slaAttainment, (x) => pct(x, 2)),
    "mean instances": withCi(p.meanInstances.toFixed(1), ci?.meanInstances, (x) => x.toFixed(1)),
    "max instances": int(p.maxInstances),
    utilization: pct(p.utilization),
  };
}

/** Policies side by side, metrics down the rows; `slaTarget` is the share the SLA asks for. */
export function summaryTable(report: RunReport, slaTarget: number): string {
  const header = ["", ...report.policies.map((p) => p.policy)];
  const columns = report.policies.map(column);
  const rows = Object.keys(TABLE_ROWS) as TableRow[];
  const body = rows.map((name) => [name, ...columns.map((c) => c[name])]);
  const title = `${report.scenario}: ${fmtDuration(report.horizonS)} simulated, SLA ${share(slaTarget)} within ${secs(report.slaLatencyS)}, seed ${report.seed}${report.replications > 1 ? `, mean of ${report.replications} replications (± 95% CI)` : ""}`;
  return `${title}\n${textTable(header, body)}`;
}
