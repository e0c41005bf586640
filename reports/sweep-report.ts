/**
 * A sweep's report in its three shapes: sweep.json (everything, full
 * precision), sweep.csv (a row per point and policy: the point's values,
 * then each metric's mean and 95% half-width, rounded by unit) and the
 * terminal table.
 */
import { csvLine, type CsvValue } from "./csv.js";
import { csvValue } from "./csv-precision.js";
import { SWEEP_METRICS, type MetricEstimate, type SweepReport } from "./sweep-metrics.js";
import { textTable } from "./text-table.js";
import { pct, secs, usd } from "./text-format.js";

export function sweepJson(report: SweepReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}

/** latencyP99S -> latency_p99_s, as the CSVs name columns. */
const snake = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z])([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();

const cellOf = (v: unknown): CsvValue =>
  v === null || ["string", "number", "boolean"].includes(typeof v)
    ? (v as CsvValue)
    : JSON.stringify(v);

export function sweepCsv(report: SweepReport): string {
  const metrics = Object.entries(SWEEP_METRICS);
  let out = csvLine([
    "point",
    ...report.parameters,
    "policy",
    "replications",
    "meets_sla",
    ...metrics.flatMap(([name]) => [snake(name), `${snake(name)}_ci95`]),
  ]);
  for (const point of report.points) {
    for (const p of point.policies) {
      out += csvLine([
        point.point,
        ...report.parameters.map((path) => cellOf(point.values[path] ?? null)),
        p.policy,
        p.replications,
        p.meetsSla,
        ...metrics.flatMap(([name, m]) => {
          const e = p.metrics[name as keyof typeof SWEEP_METRICS];
          return [csvValue(e.mean, m.unit), csvValue(e.ci95, m.unit)];
        }),
      ]);
    }
  }
  return out;
}

const shown = (e: MetricEstimate, f: (x: number) => string) =>
  e.mean === null ? "-" : `${f(e.mean)}${e.ci95 === null ? "" : ` ±${f(e.ci95)}`}`;

/** The table `sim run` prints for a sweep: a row per point and policy. */
export function sweepText(report: SweepReport): string {
  const body = report.points.flatMap((point) =>
    point.policies.map((p) => [
      String(point.point),
      ...report.parameters.map((path) => {
        const v = point.values[path];
        return v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
      }),
      p.policy,
      shown(p.metrics.costUsd, (x) => usd(x)),
      shown(p.metrics.latencyP99S, secs),
      shown(p.metrics.slaAttainment, (x) => pct(x, 2)),
      p.meetsSla === null ? "-" : p.meetsSla ? "yes" : "no",
      shown(p.metrics.mapeCpuSeconds, (x) => pct(x)),
    ]),
  );
  const header = [
    "point",
    ...report.parameters,
    "policy",
    "cost (USD)",
    "latency p99",
    "SLA attainment",
    "meets SLA",
    "CPU MAPE",
  ];
  const head = `${report.scenario}: ${report.points.length} points, ${report.jobs} jobs (${report.replications} replication${report.replications === 1 ? "" : "s"} each; ± is a 95% interval)\n\n`;
  return head + textTable(header, body);
}
