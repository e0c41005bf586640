/**
 * What `sim plan` found, as plain data: the JSON it prints with
 * `--format json` and writes to plan.json, and what the table and the
 * report page are drawn from.
 */

export type PlanMetric = "attainment" | "p99" | "coldStartRatio" | "meanQueueWait";

export interface PlanCriterion {
  readonly metric: PlanMetric;
  /** "min": the metric must be at least the limit; "max": at most. */
  readonly bound: "min" | "max";
  /** In the metric's base unit: a share, or seconds. */
  readonly limit: number;
}

/** A mean and the half-width of its 95% Student-t interval (null with fewer than two runs). */
export interface PlanInterval {
  readonly mean: number | null;
  readonly halfWidth: number | null;
}

export type PlanVerdict = "meets" | "misses" | "undecided";

export interface PlanCandidate {
  readonly index: number;
  readonly label: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly replications: number;
  readonly status: PlanVerdict | "unscreened";
  readonly costUsd: PlanInterval;
  readonly criteria: readonly (PlanCriterion & PlanInterval & { readonly verdict: PlanVerdict })[];
}

export type PlanOutcome = "found" | "none" | "budget-spent";

export interface PlanReport {
  readonly scenario: string;
  readonly description: string;
  readonly seed: number;
  readonly horizonS: number;
  /** The latency attainment is judged against. */
  readonly slaLatencyS: number;
  /** Label of the policy entry configured. */
  readonly policy: string;
  readonly criteria: readonly PlanCriterion[];
  readonly budget: number;
  readonly runsSpent: number;
  readonly replications: { readonly initial: number; readonly max: number };
  readonly outcome: PlanOutcome;
  /** Index of the winner among `candidates`. */
  readonly winner: number | null;
  /** Indices of the next cheapest that meet the SLA, cheapest first. */
  readonly runnersUp: readonly number[];
  /** Every candidate of the grid, in grid order. */
  readonly candidates: readonly PlanCandidate[];
}

/** The exit code of `sim plan` for each outcome. */
export const PLAN_EXIT_CODE: Record<PlanOutcome, number> = {
  found: 0,
  none: 1,
  "budget-spent": 4,
};

export function planJson(report: PlanReport): string {
  return JSON.stringify(report, null, 2) + "\n";
}
