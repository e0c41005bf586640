/** The terminal table of `sim plan`: the outcome, then the candidates, winner first. */
import { fmtDuration } from "../text-format.js";
import { textTable } from "../text-table.js";
import type { PlanReport } from "./plan-report.js";
import {
  costText,
  criterionText,
  figureText,
  listedCandidates,
  metricName,
  outcomeText,
  roleOf,
} from "./plan-words.js";

/** Rows the table shows at most; the JSON and the page hold every candidate. */
const MAX_ROWS = 20;

export function planText(r: PlanReport): string {
  const sla = r.criteria.map((c) => criterionText(c, r.slaLatencyS)).join(", ");
  const listed = listedCandidates(r);
  const rows = listed
    .slice(0, MAX_ROWS)
    .map((c) => [
      c.label,
      String(c.replications),
      costText(c.costUsd),
      ...c.criteria.map((k) => figureText(k.metric, k)),
      c.status,
      roleOf(r, c),
    ]);
  const header = [
    "candidate",
    "runs",
    "cost (USD)",
    ...r.criteria.map((c) => metricName(c.metric)),
    "SLA",
    "",
  ];
  const more =
    listed.length > MAX_ROWS
      ? `(${listed.length - MAX_ROWS} more candidates in --format json and the report page)\n`
      : "";
  return [
    `plan ${r.scenario}: policy "${r.policy}", ${r.candidates.length} candidates, ${fmtDuration(r.horizonS)} simulated per run, seed ${r.seed}\n`,
    `SLA, each with 95% confidence: ${sla}\n\n`,
    textTable(header, rows).replace(/ +\n/g, "\n"),
    more,
    `\n${outcomeText(r)}\n`,
  ].join("");
}
