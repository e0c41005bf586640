/** Cost per policy split into what paid for idle capacity and the rest. */
import type { PolicySummary } from "../../../sim/model/summary.js";
import type { ChartSection } from "../input.js";
import { WIDTH } from "./policy-colors.js";
import { policyBars, STACKED_USD } from "./stacked-cost-axes.js";

const PARTS = ["busy", "idle"];

export function idleCostChart(policies: readonly PolicySummary[]): ChartSection {
  const values = policies.flatMap((p) => {
    const idle = Math.min(p.idleCostUsd, p.costUsd);
    const share = (usd: number) => (p.costUsd > 0 ? usd / p.costUsd : 0);
    return [
      { policy: p.policy, part: "busy", usd: p.costUsd - idle, share: share(p.costUsd - idle) },
      { policy: p.policy, part: "idle", usd: idle, share: share(idle) },
    ];
  });
  return {
    id: "idle-cost",
    title: "Cost: idle against busy",
    caption:
      "Idle is the instance cost of slot time that ran no request (booting included); busy is the rest, and per-request (FaaS) billing is all busy. Mean over replications.",
    spec: {
      width: WIDTH,
      height: { step: 28 },
      data: { values },
      transform: [{ calculate: `indexof(${JSON.stringify(PARTS)}, datum.part)`, as: "partOrder" }],
      mark: { type: "bar" },
      encoding: {
        y: policyBars(policies),
        x: STACKED_USD,
        color: {
          field: "part",
          type: "nominal",
          title: "capacity",
          scale: { domain: PARTS, range: ["#4c78a8", "#bab0ac"] },
        },
        order: { field: "partOrder", type: "quantitative" },
        tooltip: [
          { field: "policy", title: "policy" },
          { field: "part", title: "capacity" },
          { field: "usd", title: "cost (USD)", format: "$,.4f" },
          { field: "share", title: "share of the policy's cost", format: ".1%" },
        ],
      },
    },
  };
}
