/** Instances over time, stacked by state, a row per policy and a column per instance type. */
import type { TimeseriesRow } from "../../../sim/model/summary.js";
import { fleetSeries, timeUnit } from "../fleet-series.js";
import type { ChartSection } from "../input.js";
import { WIDTH } from "./policy-colors.js";

const STATES = ["busy", "idle", "booting", "draining"];

export function instancesOverTimeChart(
  rows: readonly TimeseriesRow[],
  horizonS: number,
): ChartSection | null {
  const points = fleetSeries(rows);
  if (points.length === 0) return null;
  const unit = timeUnit(horizonS);
  const order = new Map([...new Set(points.map((p) => p.policy))].map((p, i) => [p, i]));
  const values = points.map((p) => ({
    ...p,
    t: p.timeS / unit.seconds,
    policyOrder: order.get(p.policy)!,
  }));
  const types = new Set(points.map((p) => p.type)).size;
  const policies = new Set(points.map((p) => p.policy)).size;
  return {
    id: "instances-over-time",
    title: "Instances over time",
    caption:
      "Instances alive at each sample, stacked by state; a row per policy" +
      (types > 1 ? ", a column per instance type" : "") +
      " (first replication; consecutive samples averaged where there are many).",
    spec: {
      data: { values },
      transform: [
        { fold: STATES, as: ["state", "instances"] },
        // Busy at the bottom, then idle, booting, draining: the order of the legend.
        { calculate: `indexof(${JSON.stringify(STATES)}, datum.state)`, as: "stateOrder" },
      ],
      facet: {
        row: {
          field: "policy",
          type: "nominal",
          title: null,
          // In the report's order; a sort array here would mix up the cells of a two-way facet.
          sort: { field: "policyOrder", op: "min" },
          header: { labelAngle: 0, labelAlign: "left" },
        },
        ...(types > 1
          ? { column: { field: "type", type: "nominal", title: "instance type" } }
          : {}),
      },
      spec: {
        width: Math.max(240, Math.floor(WIDTH / types)),
        height: policies > 3 ? 110 : 150,
        mark: { type: "area", interpolate: "step-after" },
        encoding: {
          x: { field: "t", type: "quantitative", title: `time (${unit.name})` },
          y: { field: "instances", type: "quantitative", stack: "zero", title: "instances" },
          color: {
            field: "state",
            type: "nominal",
            title: "state",
            scale: { domain: STATES, range: ["#4c78a8", "#bab0ac", "#f58518", "#e45756"] },
          },
          order: { field: "stateOrder", type: "quantitative" },
          tooltip: [
            { field: "policy", title: "policy" },
            { field: "type", title: "instance type" },
            { field: "t", title: `time (${unit.name})`, format: ",.2f" },
            { field: "state", title: "state" },
            { field: "instances", title: "instances", format: ",.1f" },
          ],
        },
      },
    },
  };
}
