/** The summary as HTML tables: policies side by side, a unit in every cell or row name. */
import type { PolicySummary } from "../../sim/model/summary.js";
import type { RunReport } from "../summary-report.js";
import { int, pct, secs } from "../text-format.js";
import { escapeHtml } from "./escape.js";

const usd = (x: number) => `$${x.toFixed(x !== 0 && Math.abs(x) < 1 ? 4 : 2)}`;
const pm = (text: string) => ` <span class="ci">±${text}</span>`;

const ROWS: [string, (p: PolicySummary) => string][] = [
  ["requests", (p) => int(p.requests)],
  ["completed", (p) => int(p.completed)],
  [
    "failed (out of memory / timeout)",
    (p) => `${int(p.failed)} (${int(p.failedOutOfMemory)} / ${int(p.failedTimeout)})`,
  ],
  ["rejected", (p) => int(p.rejected)],
  ["in flight at the end", (p) => int(p.inFlightAtEnd)],
  ["cost (USD)", (p) => usd(p.costUsd) + (p.ci95 ? pm(usd(p.ci95.costUsd)) : "")],
  [
    "idle cost (USD, share)",
    (p) => `${usd(p.idleCostUsd)} (${pct(p.costUsd > 0 ? p.idleCostUsd / p.costUsd : 0)})`,
  ],
  ["latency mean", (p) => secs(p.latencyS.mean)],
  ["latency p50", (p) => secs(p.latencyS.p50) + (p.ci95 ? pm(secs(p.ci95.latencyP50S)) : "")],
  ["latency p95", (p) => secs(p.latencyS.p95)],
  ["latency p99", (p) => secs(p.latencyS.p99) + (p.ci95 ? pm(secs(p.ci95.latencyP99S)) : "")],
  ["latency max", (p) => secs(p.latencyS.max)],
  ["queue wait mean / p99", (p) => `${secs(p.queueWaitS.mean)} / ${secs(p.queueWaitS.p99)}`],
  ["cold starts (per completed request)", (p) => `${int(p.coldStarts)} (${pct(p.coldStartRatio)})`],
  [
    "SLA attainment (% of ended requests)",
    (p) => pct(p.slaAttainment) + (p.ci95 ? pm(pct(p.ci95.slaAttainment)) : ""),
  ],
  [
    "mean instances",
    (p) => p.meanInstances.toFixed(2) + (p.ci95 ? pm(p.ci95.meanInstances.toFixed(2)) : ""),
  ],
  ["max instances", (p) => int(p.maxInstances)],
  ["utilization (busy share of ready slots)", (p) => pct(p.utilization)],
  ["notices (late)", (p) => `${int(p.notices)} (${int(p.noticesLate)})`],
];

function table(
  caption: string,
  header: readonly string[],
  body: readonly (readonly string[])[],
): string {
  const th = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("");
  const rows = body
    .map(
      ([name, ...cells]) =>
        `<tr><th scope="row">${escapeHtml(name!)}</th>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`,
    )
    .join("\n");
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** Cells are built from numbers by the formatters above, so only names need escaping. */
export function summaryTableHtml(report: RunReport): string {
  const caption =
    report.replications > 1
      ? `Mean of ${report.replications} replications, ± 95% confidence half-width`
      : "One replication";
  return table(
    caption,
    ["", ...report.policies.map((p) => p.policy)],
    ROWS.map(([name, get]) => [name, ...report.policies.map(get)]),
  );
}

export function costByTypeTableHtml(report: RunReport): string {
  const types = [...new Set(report.policies.flatMap((p) => Object.keys(p.costUsdByType)))].sort();
  return table(
    "Cost by instance type (USD over the horizon)",
    ["instance type", ...report.policies.map((p) => p.policy)],
    types.map((t) => [t, ...report.policies.map((p) => usd(p.costUsdByType[t] ?? 0))]),
  );
}
