/** Cost per policy, stacked by instance type. */
import type { PolicySummary } from "../../../sim/model/summary.js";
import type { ChartSection } from "../input.js";
import { WIDTH } from "./policy-colors.js";
import { policyBars, STACKED_USD } from "./stacked-cost-axes.js";

export function costByTypeChart(policies: readonly PolicySummary[]): ChartSection {
  const values = policies.flatMap((p) =>
    Object.entries(p.costUsdByType).map(([type, usd]) => ({
      policy: p.policy,
      type,
      usd,
      share: p.costUsd > 0 ? usd / p.costUsd : 0,
    })),
  );
  return {
    id: "cost-by-type",
    title: "Cost by instance type",
    caption:
      "What each policy paid per instance type (USD over the horizon, mean over replications).",
    spec: {
      width: WIDTH,
      height: { step: 28 },
      data: { values },
      mark: { type: "bar" },
      encoding: {
        y: policyBars(policies),
        x: STACKED_USD,
        color: {
          field: "type",
          type: "nominal",
          title: "instance type",
          scale: { scheme: "set2" },
        },
        tooltip: [
          { field: "policy", title: "policy" },
          { field: "type", title: "instance type" },
          { field: "usd", title: "cost (USD)", format: "$,.4f" },
          { field: "share", title: "share of the policy's cost", format: ".1%" },
        ],
      },
    },
  };
}
