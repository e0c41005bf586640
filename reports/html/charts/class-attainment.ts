/** SLA attainment per service class, a bar per policy within each class; null without classes. */
import type { PolicySummary } from "../../../sim/model/summary.js";
import type { ChartSection } from "../input.js";
import { policyColor, WIDTH } from "./policy-colors.js";

export function classAttainmentChart(policies: readonly PolicySummary[]): ChartSection | null {
  const values = policies.flatMap((p) =>
    Object.entries(p.byClass ?? {}).map(([name, c]) => ({
      policy: p.policy,
      class: name,
      attainment: c.slaAttainment,
      requests: c.requests,
      latencyMeanS: c.latencyMeanS,
    })),
  );
  if (values.length === 0) return null;
  const names = policies.map((p) => p.policy);
  return {
    id: "class-attainment",
    title: "SLA attainment by service class",
    caption:
      "Share of each class's ended requests within the class's own SLA latency (the scenario's where the class names none), mean over replications.",
    spec: {
      width: WIDTH,
      height: { step: 18 },
      data: { values },
      mark: { type: "bar" },
      encoding: {
        row: { field: "class", type: "nominal", title: null },
        y: { field: "policy", type: "nominal", title: null, sort: names },
        x: {
          field: "attainment",
          type: "quantitative",
          title: "SLA attainment",
          axis: { format: ".0%" },
          scale: { domain: [0, 1] },
        },
        color: policyColor(names),
        tooltip: [
          { field: "class", title: "class" },
          { field: "policy", title: "policy" },
          { field: "attainment", title: "SLA attainment", format: ".2%" },
          { field: "requests", title: "requests", format: ",.0f" },
          { field: "latencyMeanS", title: "mean latency (s)", format: ".3f" },
        ],
      },
    },
  };
}
