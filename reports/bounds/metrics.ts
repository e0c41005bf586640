/**
 * The figures a policy's bounds hold, which way each gets worse, and the
 * scale a relative margin applies to. For SLA attainment that scale is the
 * shortfall (1 - attainment): at 99.8% a margin of 5% of the figure would
 * let the misses grow twentyfold, 5% of the shortfall lets them grow by 5%.
 */
import type { PolicySummary } from "../../sim/model/summary.js";

export const METRIC_KEYS = ["costUsd", "latencyP99S", "slaAttainment", "coldStartRatio"] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];

export interface BoundMetric {
  readonly key: MetricKey;
  /** As a message names it. */
  readonly label: string;
  /** "higher": a higher figure is worse; "lower": a lower one is. */
  readonly worse: "higher" | "lower";
  readonly of: (p: PolicySummary) => number;
  /** Half-width of the 95% interval over replications, where the summary has one. */
  readonly ci95: (p: PolicySummary) => number | undefined;
  /** What a relative margin is a share of. */
  readonly marginScale: (value: number) => number;
  /** Smallest tolerance, against floating-point noise only, in the figure's unit. */
  readonly noiseFloor: number;
  readonly show: (x: number) => string;
  readonly showDelta: (d: number) => string;
}

const sig = (x: number) => Number(x.toPrecision(4)).toString();
const points = (x: number) => `${Number((100 * x).toPrecision(5))}`;

export const BOUND_METRICS: Readonly<Record<MetricKey, BoundMetric>> = {
  costUsd: {
    key: "costUsd",
    label: "cost",
    worse: "higher",
    of: (p) => p.costUsd,
    ci95: (p) => p.ci95?.costUsd,
    marginScale: Math.abs,
    noiseFloor: 1e-6,
    show: (x) => `$${sig(x)}`,
    showDelta: (d) => `$${sig(d)}`,
  },
  latencyP99S: {
    key: "latencyP99S",
    label: "p99 latency",
    worse: "higher",
    of: (p) => p.latencyS.p99,
    ci95: (p) => p.ci95?.latencyP99S,
    marginScale: Math.abs,
    noiseFloor: 1e-6,
    show: (x) => `${sig(x)} s`,
    showDelta: (d) => `${sig(d)} s`,
  },
  slaAttainment: {
    key: "slaAttainment",
    label: "SLA attainment",
    worse: "lower",
    of: (p) => p.slaAttainment,
    ci95: (p) => p.ci95?.slaAttainment,
    marginScale: (v) => Math.max(0, 1 - v),
    noiseFloor: 1e-6,
    show: (x) => `${points(x)}%`,
    showDelta: (d) => `${points(d)} pp`,
  },
  coldStartRatio: {
    key: "coldStartRatio",
    label: "cold-start ratio",
    worse: "higher",
    of: (p) => p.coldStartRatio,
    // The summary has no interval for it: the margin applies with replications too.
    ci95: () => undefined,
    marginScale: Math.abs,
    noiseFloor: 1e-6,
    show: (x) => `${points(x)}%`,
    showDelta: (d) => `${points(d)} pp`,
  },
};
