/** The axes both cost bar charts share: a bar per policy, in the run's order, stacked in US dollars. */
import type { PolicySummary } from "../../../sim/model/summary.js";

export function policyBars(policies: readonly PolicySummary[]) {
  return { field: "policy", type: "nominal", title: null, sort: policies.map((p) => p.policy) };
}

export const STACKED_USD = {
  field: "usd",
  type: "quantitative",
  title: "cost (USD)",
  axis: { format: "$,.4~f" },
  stack: "zero",
} as const;
