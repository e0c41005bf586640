/**
 * What `sim run` prints: the table, attainment per service class (when
 * there are classes), the policies' counters (upgrades, resizes, ...),
 * prediction error (when a policy predicts), instances over time per
 * policy as sparklines, a pointer to the legend (or the legend itself),
 * the verdict and the warnings a planner needs.
 */
import type { TimeseriesRow } from "../sim/model/summary.js";
import { classTable } from "./class-table.js";
import { counterTable } from "./counter-table.js";
import { predictionTable } from "./prediction-table.js";
import { legendText } from "./legend.js";
import { summaryTable, type RunReport } from "./summary-report.js";
import { verdictLine } from "./verdict.js";
import { instanceSparklines } from "./sparkline.js";
import { runWarnings } from "./warnings.js";

export interface RunTextOptions {
  /** Share of ended requests the SLA asks to complete within its latency. */
  readonly slaTarget: number;
  /** Print the legend instead of the line pointing at it. */
  readonly explain?: boolean;
  /** The run's samples: drawn as sparklines under the table. */
  readonly timeseries?: readonly TimeseriesRow[];
}

export const LEGEND_POINTER = "every row above and every CSV column: sim run <scenario> --explain";

export function runText(report: RunReport, opts: RunTextOptions): string {
  let out = summaryTable(report, opts.slaTarget);
  out += classTable(report.policies);
  out += counterTable(report.policies);
  out += predictionTable(report.policies);
  if (opts.timeseries) out += instanceSparklines(opts.timeseries);
  if (!opts.explain) out += `(${LEGEND_POINTER})\n`;
  out += `${verdictLine(report, opts.slaTarget)}\n`;
  for (const w of runWarnings(report, opts.slaTarget)) out += `warning: ${w}\n`;
  if (opts.explain) out += `\n${legendText()}`;
  return out;
}
