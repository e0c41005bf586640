/** Cost against SLA attainment, a point per policy, with the Pareto front and 95% intervals. */
import type { PolicySummary } from "../../../sim/model/summary.js";
import type { ChartSection } from "../input.js";
import { paretoFront } from "../pareto.js";
import { policyColor, WIDTH } from "./policy-colors.js";

export function costVsSlaChart(policies: readonly PolicySummary[]): ChartSection {
  const rank = new Map(paretoFront(policies).map((i, k) => [i, k]));
  const values = policies.map((p, i) => ({
    policy: p.policy,
    costUsd: p.costUsd,
    sla: p.slaAttainment,
    costLo: Math.max(0, p.costUsd - (p.ci95?.costUsd ?? 0)),
    costHi: p.costUsd + (p.ci95?.costUsd ?? 0),
    slaLo: Math.max(0, p.slaAttainment - (p.ci95?.slaAttainment ?? 0)),
    slaHi: Math.min(1, p.slaAttainment + (p.ci95?.slaAttainment ?? 0)),
    pareto: rank.has(i) ? "on the front" : "dominated",
    frontOrder: rank.get(i) ?? null,
  }));
  const names = policies.map((p) => p.policy);
  const withIntervals = policies.some((p) => p.ci95 !== null);
  const x = {
    field: "sla",
    type: "quantitative",
    title: "SLA attainment",
    axis: { format: ".1%" },
    scale: { zero: false, padding: 16 },
  };
  const y = {
    field: "costUsd",
    type: "quantitative",
    title: "cost (USD)",
    axis: { format: "$,.4~f" },
    scale: { zero: false, padding: 16 },
  };
  const tooltip = [
    { field: "policy", title: "policy" },
    { field: "costUsd", title: "cost (USD)", format: "$,.4f" },
    { field: "sla", title: "SLA attainment", format: ".2%" },
    ...(withIntervals
      ? [
          { field: "costLo", title: "cost 95% low", format: "$,.4f" },
          { field: "costHi", title: "cost 95% high", format: "$,.4f" },
          { field: "slaLo", title: "SLA 95% low", format: ".2%" },
          { field: "slaHi", title: "SLA 95% high", format: ".2%" },
        ]
      : []),
    { field: "pareto", title: "Pareto" },
  ];
  const layers: unknown[] = [
    {
      transform: [{ filter: "datum.frontOrder !== null" }],
      mark: { type: "line", color: "#888", strokeDash: [4, 3] },
      encoding: { x, y, order: { field: "frontOrder", type: "quantitative" } },
    },
  ];
  if (withIntervals) {
    layers.push(
      {
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          x: { ...x, field: "slaLo" },
          x2: { field: "slaHi" },
          y,
          color: policyColor(names),
        },
      },
      {
        mark: { type: "rule", strokeWidth: 1.5 },
        encoding: {
          x,
          y: { ...y, field: "costLo" },
          y2: { field: "costHi" },
          color: policyColor(names),
        },
      },
    );
  }
  layers.push(
    {
      mark: { type: "point", filled: true, size: 110 },
      encoding: {
        x,
        y,
        color: policyColor(names),
        shape: {
          field: "pareto",
          type: "nominal",
          title: "Pareto",
          scale: { domain: ["on the front", "dominated"], range: ["circle", "cross"] },
        },
        tooltip,
      },
    },
    {
      mark: { type: "text", align: "left", dx: 8, dy: -8 },
      encoding: { x, y, text: { field: "policy" } },
    },
  );
  return {
    id: "cost-vs-sla",
    title: "Cost against SLA attainment",
    caption:
      "A point per policy; the dashed line joins the Pareto front (no other policy is both cheaper and better on SLA)." +
      (withIntervals ? " Bars are 95% confidence intervals over the replications." : ""),
    spec: { width: WIDTH, height: 340, data: { values }, layer: layers },
  };
}
