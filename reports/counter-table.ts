/**
 * The policies' counters under the main table, a row per counter that
 * some policy has above zero (so a table of slot policies shows none).
 * Labels are the summary.csv column names, so the legend's definition of
 * the column is the row's.
 */
import type { PolicySummary } from "../sim/model/summary.js";
import { COUNTERS, type Counter } from "./counters.js";
import { SUMMARY_CSV } from "./legend.js";
import { usd } from "./text-format.js";
import { textTable } from "./text-table.js";

/** Means over replications keep a decimal; whole counts print whole. */
function count(x: number): string {
  return Number.isInteger(x) ? x.toLocaleString("en-US") : x.toFixed(1);
}

function cell(column: Counter, x: number | undefined): string {
  if (x === undefined) return "-";
  return SUMMARY_CSV[column].unit === "usd" ? usd(x) : count(x);
}

export function counterTable(policies: readonly PolicySummary[]): string {
  const shown = (Object.keys(COUNTERS) as Counter[]).filter((c) =>
    policies.some((p) => (COUNTERS[c](p) ?? 0) > 0),
  );
  if (shown.length === 0) return "";
  const header = ["counters", ...policies.map((p) => p.policy)];
  const body = shown.map((c) => [c, ...policies.map((p) => cell(c, COUNTERS[c](p)))]);
  return textTable(header, body);
}
