/**
 * The summary of a run in its three shapes: JSON (everything, stable key
 * order), CSV (a row per policy, units in the column names) and the terminal
 * table (policies side by side).
 */
import type { PolicySummary, TimeseriesRow } from "../sim/model/summary.js";
import { toCsv, type CsvValue } from "./csv.js";
import { textTable } from "./text-table.js";
import { fmtDuration, int, pct, secs } from "./text-format.js";

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

const COLUMNS: [string, (p: PolicySummary) => CsvValue][] = [
  ["policy", (p) => p.policy],
  ["replications", (p) => p.replications],
  ["requests", (p) => p.requests],
  ["completed", (p) => p.completed],
  ["failed", (p) => p.failed],
  ["failed_oom", (p) => p.failedOutOfMemory],
  ["retried_oom", (p) => p.retriedOutOfMemory],
  ["failed_timeout", (p) => p.failedTimeout],
  ["rejected", (p) => p.rejected],
  ["in_flight_at_end", (p) => p.inFlightAtEnd],
  ["cold_starts", (p) => p.coldStarts],
  ["cold_start_ratio", (p) => p.coldStartRatio],
  ["notices", (p) => p.notices],
  ["notices_late", (p) => p.noticesLate],
  ["latency_mean_s", (p) => p.latencyS.mean],
  ["latency_p50_s", (p) => p.latencyS.p50],
  ["latency_p95_s", (p) => p.latencyS.p95],
  ["latency_p99_s", (p) => p.latencyS.p99],
  ["latency_max_s", (p) => p.latencyS.max],
  ["queue_wait_mean_s", (p) => p.queueWaitS.mean],
  ["queue_wait_p99_s", (p) => p.queueWaitS.p99],
  ["cost_usd", (p) => p.costUsd],
  ["idle_cost_usd", (p) => p.idleCostUsd],
  ["mean_instances", (p) => p.meanInstances],
  ["max_instances", (p) => p.maxInstances],
  ["utilization", (p) => p.utilization],
  ["sla_attainment", (p) => p.slaAttainment],
  ["cost_usd_ci95", (p) => p.ci95?.costUsd],
  ["latency_p99_s_ci95", (p) => p.ci95?.latencyP99S],
  ["sla_attainment_ci95", (p) => p.ci95?.slaAttainment],
];

export function summaryCsv(report: RunReport): string {
  return toCsv(report.policies, COLUMNS);
}

export function timeseriesCsv(rows: readonly TimeseriesRow[]): string {
  return toCsv(rows, [
    ["policy", (r) => r.policy],
    ["time_s", (r) => r.timeS],
    ["instance_type", (r) => r.type],
    ["booting", (r) => r.booting],
    ["idle", (r) => r.idle],
    ["busy", (r) => r.busy],
    ["draining", (r) => r.draining],
    ["queue_length", (r) => r.queueLength],
    ["cost_usd_per_hour", (r) => r.costUsdPerHour],
  ]);
}

const ROWS: [string, (p: PolicySummary) => string][] = [
  ["requests", (p) => int(p.requests)],
  ["completed", (p) => int(p.completed)],
  ["failed / rejected", (p) => `${int(p.failed)} / ${int(p.rejected)}`],
  [
    "cost (USD)",
    (p) => `$${p.costUsd.toFixed(2)}${p.ci95 ? ` ±${p.ci95.costUsd.toFixed(2)}` : ""}`,
  ],
  ["  idle share", (p) => pct(p.costUsd > 0 ? p.idleCostUsd / p.costUsd : 0)],
  ["latency p50", (p) => secs(p.latencyS.p50)],
  ["latency p95", (p) => secs(p.latencyS.p95)],
  ["latency p99", (p) => `${secs(p.latencyS.p99)}${p.ci95 ? ` ±${secs(p.ci95.latencyP99S)}` : ""}`],
  ["cold-start ratio", (p) => pct(p.coldStartRatio)],
  [
    "SLA attainment",
    (p) => `${pct(p.slaAttainment)}${p.ci95 ? ` ±${pct(p.ci95.slaAttainment)}` : ""}`,
  ],
  ["mean instances", (p) => p.meanInstances.toFixed(1)],
  ["max instances", (p) => int(p.maxInstances)],
  ["utilization", (p) => pct(p.utilization)],
];

/** Policies side by side, metrics down the rows. */
export function summaryTable(report: RunReport): string {
  const header = ["", ...report.policies.map((p) => p.policy)];
  const body = ROWS.map(([name, get]) => [name, ...report.policies.map(get)]);
  const title = `${report.scenario}: ${fmtDuration(report.horizonS)} simulated, SLA ${secs(report.slaLatencyS)}, seed ${report.seed}${report.replications > 1 ? `, mean of ${report.replications} replications (± 95% CI)` : ""}`;
  return `${title}\n${textTable(header, body)}`;
}
