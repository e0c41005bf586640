/**
 * A candidate's runs against the SLA: each criterion's 95% Student-t
 * interval is on the good side of its limit (meets), on the bad side
 * (misses) or across it (undecided). A candidate meets the SLA when every
 * criterion does and misses it when any one does.
 */
import type { RunSummary } from "../../model/summary.js";
import type { SlaCriterion, SlaMetric } from "../../scenario/plan-section.js";
import { halfWidth95 } from "../confidence.js";

export type Verdict = "meets" | "misses" | "undecided";

export interface Interval {
  readonly mean: number;
  /** Half-width of the 95% interval; NaN with fewer than two runs. */
  readonly halfWidth: number;
}

export interface CriterionJudgement extends SlaCriterion, Interval {
  readonly verdict: Verdict;
}

export interface Judgement {
  readonly verdict: Verdict;
  readonly costUsd: Interval;
  readonly criteria: readonly CriterionJudgement[];
}

const METRIC: Record<SlaMetric, (r: RunSummary) => number> = {
  attainment: (r) => r.slaAttainment,
  p99: (r) => r.latencyS.p99,
  coldStartRatio: (r) => r.coldStartRatio,
  meanQueueWait: (r) => r.queueWaitS.mean,
};

export function intervalOf(xs: readonly number[]): Interval {
  return { mean: xs.reduce((a, b) => a + b, 0) / xs.length, halfWidth: halfWidth95(xs) };
}

function verdictOf(c: SlaCriterion, { mean, halfWidth }: Interval): Verdict {
  if (Number.isNaN(halfWidth)) return "undecided";
  const low = mean - halfWidth;
  const high = mean + halfWidth;
  if (c.bound === "min") return low >= c.limit ? "meets" : high < c.limit ? "misses" : "undecided";
  return high <= c.limit ? "meets" : low > c.limit ? "misses" : "undecided";
}

export function judge(runs: readonly RunSummary[], criteria: readonly SlaCriterion[]): Judgement {
  const judged = criteria.map((c) => {
    const interval = intervalOf(runs.map(METRIC[c.metric]));
    return { ...c, ...interval, verdict: verdictOf(c, interval) };
  });
  const verdict = judged.some((j) => j.verdict === "misses")
    ? "misses"
    : judged.every((j) => j.verdict === "meets")
      ? "meets"
      : "undecided";
  return { verdict, costUsd: intervalOf(runs.map((r) => r.costUsd)), criteria: judged };
}
