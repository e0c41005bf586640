/**
 * The bounds of one scenario, as committed (scenarios/bounds/NAME.json) and
 * as a user keeps them for `sim check`: per policy and metric, the figure
 * measured when the bounds were written and the bound a run must not be
 * worse than. Keys are in a fixed order and numbers short, so that the diff
 * of an update reads in review.
 */
import { METRIC_KEYS, type MetricKey } from "./metrics.js";

/** Where a metric's tolerance came from: the replications' 95% interval, or the margin. */
export type ToleranceSource = "ci95" | "margin";

export interface MetricBound {
  readonly measured: number;
  readonly bound: number;
  readonly from: ToleranceSource;
}

export type PolicyBounds = Readonly<Record<MetricKey, MetricBound>>;

export interface BoundsFile {
  readonly scenario: string;
  readonly seed: number;
  readonly replications: number;
  /** The relative margin where there is no interval (see metrics.ts for its scale). */
  readonly margin: number;
  readonly policies: Readonly<Record<string, PolicyBounds>>;
}

export function boundsJson(b: BoundsFile): string {
  const policies = Object.fromEntries(
    Object.entries(b.policies).map(([name, p]) => [
      name,
      Object.fromEntries(
        METRIC_KEYS.map((k) => [
          k,
          { measured: p[k].measured, bound: p[k].bound, from: p[k].from },
        ]),
      ),
    ]),
  );
  const ordered = {
    scenario: b.scenario,
    seed: b.seed,
    replications: b.replications,
    margin: b.margin,
    policies,
  };
  return JSON.stringify(ordered, null, 2) + "\n";
}
