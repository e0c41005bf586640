/**
 * Bounds from a run: each figure with a tolerance on its worse side. Where
 * the scenario has replications and the summary an interval for the
 * figure, the tolerance is the half-width of that 95% interval: how far
 * the mean moves when the random draws change, which is what a change that
 * leaves a policy as good as it was may still do. Otherwise it is the
 * relative margin. Either way it is at least the noise floor, so a figure
 * with no spread (a fixed fleet's cost, a zero cold-start ratio) does not
 * fail on floating-point noise.
 */
import type { RunReport } from "../summary-report.js";
import type { BoundsFile, MetricBound, PolicyBounds } from "./bounds-file.js";
import { BOUND_METRICS, METRIC_KEYS, type BoundMetric } from "./metrics.js";
import { roundDown, roundNearest, roundUp } from "./round-outward.js";

/** The margin of a scenario without replications: 5% of the figure (of the shortfall for attainment). */
export const DEFAULT_MARGIN = 0.05;

/** Relative part of the noise floor. */
const NOISE_RELATIVE = 1e-6;

function metricBound(
  m: BoundMetric,
  value: number,
  ci: number | undefined,
  margin: number,
): MetricBound {
  const fromCi = ci !== undefined && Number.isFinite(ci);
  const spread = fromCi ? ci : margin * m.marginScale(value);
  const tolerance = Math.max(spread, m.noiseFloor + NOISE_RELATIVE * Math.abs(value));
  const bound = m.worse === "higher" ? roundUp(value + tolerance) : roundDown(value - tolerance);
  return { measured: roundNearest(value), bound, from: fromCi ? "ci95" : "margin" };
}

export function deriveBounds(report: RunReport, margin: number = DEFAULT_MARGIN): BoundsFile {
  if (!(margin >= 0 && Number.isFinite(margin)))
    throw new RangeError(`a bounds margin is a share >= 0, not ${margin}`);
  const policies: Record<string, PolicyBounds> = {};
  for (const p of report.policies) {
    const withCi = p.replications > 1;
    policies[p.policy] = Object.fromEntries(
      METRIC_KEYS.map((k) => {
        const m = BOUND_METRICS[k];
        return [k, metricBound(m, m.of(p), withCi ? m.ci95(p) : undefined, margin)];
      }),
    ) as PolicyBounds;
  }
  return {
    scenario: report.scenario,
    seed: report.seed,
    replications: report.replications,
    margin,
    policies,
  };
}
