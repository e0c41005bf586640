/**
 * What every figure of a run's reports means: the rows of the terminal
 * table and the columns of summary.csv, timeseries.csv and requests.csv.
 * The writers take each column's unit (hence its CSV precision) from here,
 * so a column cannot be written without a definition, and `sim run
 * --explain` prints this same catalogue.
 */
import { precisionText, UNIT_NAMES, type Unit } from "./csv-precision.js";

export interface Term {
  readonly unit: Unit;
  readonly means: string;
}

/** summary.csv: a row per policy; with replications, means over them. */
export const SUMMARY_CSV = {
  policy: { unit: "text", means: "the policy's label in the scenario" },
  replications: { unit: "count", means: "independent runs averaged in this row" },
  requests: { unit: "count", means: "requests that arrived within the horizon" },
  completed: { unit: "count", means: "requests that ran to the end" },
  failed: { unit: "count", means: "requests that failed: failed_oom + failed_timeout" },
  failed_oom: { unit: "count", means: "requests killed for using more memory than their slot" },
  retried_oom: {
    unit: "count",
    means: "attempts killed for memory and tried once more (each request counts once above)",
  },
  failed_timeout: { unit: "count", means: "requests that waited in the queue past its timeout" },
  rejected: { unit: "count", means: "requests turned away because the queue was full" },
  in_flight_at_end: {
    unit: "count",
    means:
      "requests still queued or running at the horizon (requests = completed + failed + rejected + this)",
  },
  cold_starts: {
    unit: "count",
    means: "completed requests that ran on the instance started for them (cold starts)",
  },
  cold_start_ratio: { unit: "ratio", means: "cold_starts per completed request" },
  notices: { unit: "count", means: "pre-trigger notices delivered to the policy" },
  notices_late: { unit: "count", means: "notices delivered after they were due" },
  latency_mean_s: { unit: "seconds", means: "mean latency (arrival to end) of completed requests" },
  latency_p50_s: { unit: "seconds", means: "median latency of completed requests" },
  latency_p95_s: { unit: "seconds", means: "95th percentile latency of completed requests" },
  latency_p99_s: { unit: "seconds", means: "99th percentile latency of completed requests" },
  latency_max_s: { unit: "seconds", means: "longest latency of a completed request" },
  queue_wait_mean_s: { unit: "seconds", means: "mean time a request waited before it started" },
  queue_wait_p99_s: { unit: "seconds", means: "99th percentile of that wait" },
  cost_usd: { unit: "usd", means: "the whole bill: instances as billed, plus FaaS executions" },
  idle_cost_usd: { unit: "usd", means: "the part of the instance bill paid for idle slots" },
  mean_instances: {
    unit: "count",
    means: "instances alive (booting or ready), averaged over time",
  },
  max_instances: { unit: "count", means: "most instances alive at once" },
  utilization: { unit: "ratio", means: "busy share of the slot time of ready instances" },
  sla_attainment: {
    unit: "ratio",
    means:
      "share of ended requests (completed, failed, rejected) that completed within the SLA latency",
  },
  cost_usd_ci95: {
    unit: "usd",
    means: "half-width of the 95% confidence interval of cost_usd (empty for one replication)",
  },
  latency_p99_s_ci95: {
    unit: "seconds",
    means: "half-width of the 95% confidence interval of latency_p99_s",
  },
  sla_attainment_ci95: {
    unit: "ratio",
    means: "half-width of the 95% confidence interval of sla_attainment",
  },
  predicted_requests: {
    unit: "count",
    means: "completed requests the policy predicted (the predict action); empty if none",
  },
  mape_service_s: {
    unit: "ratio",
    means: "mean absolute percentage error (a fraction) of the predicted execution time",
  },
  mape_cpu_seconds: { unit: "ratio", means: "the same, of the predicted CPU-seconds" },
  mape_peak_mem: { unit: "ratio", means: "the same, of the predicted memory peak" },
  envelope_confidence: {
    unit: "ratio",
    means: "the confidence the policy's envelopes stated (their mean)",
  },
  envelope_coverage: {
    unit: "ratio",
    means:
      "share of predicted requests whose measurements fell inside every range of their envelope",
  },
  allocations: {
    unit: "count",
    means: "requests started in an allocation (container) of their own; empty if none",
  },
  containers_per_vm: {
    unit: "count",
    means: "containers on a VM when one starts there, itself included, averaged",
  },
  resizes: { unit: "count", means: "running allocations resized in place" },
  upgrades: { unit: "count", means: "running requests moved to a larger profile" },
  upgrade_restarts: {
    unit: "count",
    means: "upgrades that restarted the request (its work lost) rather than migrated it",
  },
  upgrade_cost_usd: {
    unit: "usd",
    means: "what the larger allocations cost over the smaller ones they replaced",
  },
  saved_from_oom: {
    unit: "count",
    means:
      "requests whose memory limit was raised (upgraded or grown in place) that completed above their first limit",
  },
  preinstantiations_used: {
    unit: "count",
    means: "instances started for an announced request that the request used",
  },
  preinstantiations_wasted: {
    unit: "count",
    means: "instances started for a notice whose request never came to them",
  },
  preinstantiations_wasted_cost_usd: {
    unit: "usd",
    means: "what the wasted ones cost while they were held for their notice",
  },
  profile_requests: { unit: "count", means: "requests that asked for a named profile" },
  profile_grants: { unit: "count", means: "those placed in the profile they asked for" },
  profile_grant_cost_usd: { unit: "usd", means: "what the granted allocations cost" },
  split_requests: { unit: "count", means: "requests the policy split into tasks" },
  tasks_per_request: { unit: "count", means: "tasks per split request" },
  rejected_actions: { unit: "count", means: "actions the model could not honour" },
} as const satisfies Record<string, Term>;

/** timeseries.csv: a row per policy, sample time and instance type, of the first replication. */
export const TIMESERIES_CSV = {
  policy: { unit: "text", means: "the policy's label" },
  time_s: { unit: "seconds", means: "simulated time of the sample" },
  instance_type: { unit: "text", means: "instance type (empty when no instance is alive)" },
  booting: { unit: "count", means: "instances of the type still booting" },
  idle: { unit: "count", means: "ready instances running nothing" },
  busy: { unit: "count", means: "instances running at least one request" },
  draining: { unit: "count", means: "instances finishing their requests before release" },
  queue_length: { unit: "count", means: "requests waiting for a slot, all types together" },
  cost_usd_per_hour: { unit: "usd-per-hour", means: "list price per hour of the alive instances" },
} as const satisfies Record<string, Term>;

/** requests.csv (`--requests`): a row per request that ended. */
export const REQUESTS_CSV = {
  policy: { unit: "text", means: "the policy's label" },
  request_id: { unit: "id", means: "the request's number in the workload" },
  function_id: { unit: "id", means: "the function it calls" },
  arrival_s: { unit: "seconds", means: "when it arrived" },
  start_s: { unit: "seconds", means: "when it started running (empty if it never did)" },
  end_s: { unit: "seconds", means: "when it ended" },
  latency_s: { unit: "seconds", means: "end_s - arrival_s" },
  outcome: { unit: "text", means: "completed, failed-oom, failed-timeout or rejected" },
  instance_type: { unit: "text", means: "the type of the instance it ran on (empty if none)" },
  instance_id: { unit: "id", means: "the instance it ran on (empty if none)" },
  cold_start: { unit: "flag", means: "whether it ran on the instance started for it" },
} as const satisfies Record<string, Term>;

/** The rows of the terminal table. */
export const TABLE_ROWS = {
  requests: "requests that arrived within the horizon",
  completed: "requests that ran to the end",
  failed: "out of memory, or waited in the queue past its timeout",
  rejected: "turned away because the queue was full",
  "in flight at end":
    "still queued or running at the horizon: requests = completed + failed + rejected + this",
  "cost (USD)": "the whole bill: instances as billed, plus FaaS executions",
  "  idle share": "part of the instance bill paid for idle slots",
  "latency p50": "median latency (arrival to end) of completed requests",
  "latency p95": "95th percentile latency of completed requests",
  "latency p99": "99th percentile latency of completed requests",
  "cold-start ratio": "completed requests that ran on the instance started for them, per completed",
  "SLA attainment":
    "share of ended requests that completed within the SLA latency; a policy meets the SLA when this reaches the target",
  "mean instances": "instances alive (booting or ready), averaged over time",
  "max instances": "most instances alive at once",
  utilization: "busy share of the slot time of ready instances",
} as const satisfies Record<string, string>;

export type TableRow = keyof typeof TABLE_ROWS;

export const CSV_FILES = {
  "summary.csv": {
    about: "a row per policy; with replications, means over them",
    terms: SUMMARY_CSV,
  },
  "timeseries.csv": {
    about: "a row per policy, sample time and instance type (first replication)",
    terms: TIMESERIES_CSV,
  },
  "requests.csv": { about: "with --requests: a row per request that ended", terms: REQUESTS_CSV },
} as const;

/** The term of a CSV column, or an error naming the column that has none. */
export function termOf(file: keyof typeof CSV_FILES, column: string): Term {
  const term = (CSV_FILES[file].terms as Record<string, Term>)[column];
  if (!term) throw new Error(`${file}: column "${column}" has no definition in reports/legend.ts`);
  return term;
}

function block(entries: readonly [string, string][]): string {
  const width = Math.max(...entries.map(([k]) => k.length));
  return entries.map(([k, v]) => `  ${k.padEnd(width)}  ${v}\n`).join("");
}

/** The legend `sim run --explain` prints. */
export function legendText(): string {
  let out =
    "The table: policies side by side. With replications each figure is their mean, and\n" +
    "± gives the half-width of its 95% confidence interval (Student t); counts are rounded\n" +
    "so the parts add up to requests.\n";
  out += block(Object.entries(TABLE_ROWS).map(([k, v]) => [k.trim(), v]));
  out +=
    "The verdict names the cheapest policy that meets the SLA (sla.attainment of ended requests\n" +
    "within sla.latency). Two figures whose 95% intervals overlap are reported as not\n" +
    "significantly different.\n";
  for (const [file, { about, terms }] of Object.entries(CSV_FILES)) {
    out += `\n${file}: ${about}.\n`;
    out += block(
      Object.entries(terms as Record<string, Term>).map(([k, t]) => [
        k,
        `${t.means} (${UNIT_NAMES[t.unit]})`,
      ]),
    );
  }
  out +=
    `\nCSV numbers are rounded by unit: ${precisionText()}.\n` +
    "summary.json keeps every figure at full precision.\n";
  return out;
}
