/** Latency CDF per policy on a log latency axis, with the SLA latency marked. */
import type { PolicySummary } from "../../../sim/model/summary.js";
import { cdfPoints } from "../cdf-points.js";
import type { ChartSection } from "../input.js";
import type { RequestDigestData } from "../request-digest.js";
import { policyColor, WIDTH } from "./policy-colors.js";

interface Row {
  policy: string;
  latencyS: number;
  share: number;
}

/** Without the digest: the summary's percentiles, the only points of the CDF it holds. */
function fromPercentiles(p: PolicySummary): Row[] {
  const l = p.latencyS;
  const points: [number, number][] = [
    [l.p50, 0.5],
    [l.p95, 0.95],
    [l.p99, 0.99],
    [l.max, 1],
  ];
  return points
    .filter(([s]) => s > 0)
    .map(([latencyS, share]) => ({ policy: p.policy, latencyS, share }));
}

export function latencyCdfChart(
  policies: readonly PolicySummary[],
  slaLatencyS: number,
  digest: RequestDigestData | undefined,
): ChartSection {
  const values: Row[] = [];
  for (const p of policies) {
    const d = digest?.policies.find((x) => x.policy === p.policy);
    if (d) for (const c of cdfPoints(d.latencyBins)) values.push({ policy: p.policy, ...c });
    else values.push(...fromPercentiles(p));
  }
  const names = policies.map((p) => p.policy);
  const x = {
    field: "latencyS",
    type: "quantitative",
    title: "latency (s, log scale)",
    scale: { type: "log" },
  };
  return {
    id: "latency-cdf",
    title: "Latency distribution",
    caption: digest
      ? "Share of completed requests finished within each latency (arrival to completion), pooled over replications; the vertical rule is the SLA latency."
      : "Only the summary's percentiles (p50, p95, p99, max) are known for this run, so the CDF is drawn through them; the vertical rule is the SLA latency.",
    spec: {
      width: WIDTH,
      height: 320,
      layer: [
        {
          data: { values },
          mark: { type: "line", interpolate: "step-after", point: !digest },
          encoding: {
            x,
            y: {
              field: "share",
              type: "quantitative",
              title: "share of completed requests",
              axis: { format: "%" },
              scale: { domain: [0, 1] },
            },
            color: policyColor(names),
            tooltip: [
              { field: "policy", title: "policy" },
              { field: "latencyS", title: "latency (s)", format: ",.4f" },
              { field: "share", title: "share at most", format: ".2%" },
            ],
          },
        },
        {
          data: { values: [{ sla: slaLatencyS }] },
          mark: { type: "rule", color: "#c00", strokeDash: [6, 3] },
          encoding: {
            x: { field: "sla", type: "quantitative" },
            tooltip: [{ field: "sla", title: "SLA latency (s)", format: ",.3f" }],
          },
        },
      ],
    },
  };
}
