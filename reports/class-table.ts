/**
 * Service classes side by side under the main table: per class and policy,
 * the share of the class's ended requests within its own SLA latency, and
 * how many requests it had. Nothing when the scenario gives no classes.
 */
import type { PolicySummary } from "../sim/model/summary.js";
import { int, pct } from "./text-format.js";
import { textTable } from "./text-table.js";

export function classTable(policies: readonly PolicySummary[]): string {
  const names = [...new Set(policies.flatMap((p) => Object.keys(p.byClass ?? {})))].sort();
  if (names.length === 0) return "";
  const header = ["SLA attainment by class", ...policies.map((p) => p.policy)];
  const body = names.map((name) => [
    name,
    ...policies.map((p) => {
      const c = p.byClass?.[name];
      return c ? `${pct(c.slaAttainment)} of ${int(c.requests)}` : "-";
    }),
  ]);
  return textTable(header, body);
}
