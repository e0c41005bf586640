/** How a plan's criteria, figures and outcome read, for the table and the page alike. */
import { pct, secs, share, usd } from "../text-format.js";
import type {
  PlanCandidate,
  PlanCriterion,
  PlanInterval,
  PlanMetric,
  PlanReport,
} from "./plan-report.js";

const NAMES: Record<PlanMetric, string> = {
  attainment: "SLA attainment",
  p99: "latency p99",
  coldStartRatio: "cold-start ratio",
  meanQueueWait: "mean queue wait",
};

const isShare = (m: PlanMetric) => m === "attainment" || m === "coldStartRatio";

export function metricName(m: PlanMetric): string {
  return NAMES[m];
}

/** `SLA attainment >= 99% (within 3.00 s)`, `latency p99 <= 2.00 s`. */
export function criterionText(c: PlanCriterion, slaLatencyS: number): string {
  const limit = isShare(c.metric) ? share(c.limit) : fineSecs(c.limit);
  const within = c.metric === "attainment" ? ` (within ${secs(slaLatencyS)})` : "";
  return `${NAMES[c.metric]} ${c.bound === "min" ? ">=" : "<="} ${limit}${within}`;
}

/** Seconds with three significant digits below one (waits of a few milliseconds matter here). */
function fineSecs(s: number): string {
  if (s >= 1 || s === 0) return secs(s);
  return `${Number((s * 1000).toPrecision(3))} ms`;
}

/** A figure and its ± half-width, in the metric's unit. */
export function figureText(metric: PlanMetric, x: PlanInterval): string {
  if (x.mean === null) return "-";
  const f = isShare(metric) ? (v: number) => pct(v, 2) : fineSecs;
  return x.halfWidth === null ? f(x.mean) : `${f(x.mean)} ±${f(x.halfWidth)}`;
}

export function costText(x: PlanInterval): string {
  if (x.mean === null) return "-";
  return usd(x.mean, x.halfWidth ?? undefined);
}

/** One sentence on the outcome. */
export function outcomeText(r: PlanReport): string {
  const winner = r.winner === null ? undefined : r.candidates[r.winner];
  const spent = `${r.runsSpent} runs of a budget of ${r.budget}`;
  if (r.outcome === "found") {
    const cost = winner!.costUsd.mean ?? 0;
    const cheaper = r.candidates.filter(
      (c) => c.status === "undecided" && (c.costUsd.mean ?? Infinity) < cost,
    ).length;
    const doubt =
      cheaper > 0
        ? `; ${cheaper} cheaper still undecided at ${r.replications.max} replications`
        : "";
    return `cheapest configuration meeting the SLA with 95% confidence: ${winner!.label}, ${costText(winner!.costUsd)} (${winner!.replications} replications)${doubt}; ${spent}`;
  }
  if (r.outcome === "none")
    return `no configuration meets the SLA with 95% confidence (${undecidedCount(r)} undecided at ${r.replications.max} replications); ${spent}`;
  const best = winner
    ? `the cheapest found to meet it so far is ${winner.label}, ${costText(winner.costUsd)}, but a cheaper one is still in doubt`
    : "none was found to meet it";
  return `budget spent before the search was decided: ${best}; ${spent}`;
}

function undecidedCount(r: PlanReport): number {
  return r.candidates.filter((c) => c.status === "undecided").length;
}

/** Candidates in the order the table lists them: winner, runners-up, then the rest by cost. */
export function listedCandidates(r: PlanReport): PlanCandidate[] {
  const first = [...(r.winner === null ? [] : [r.winner]), ...r.runnersUp];
  const rest = r.candidates
    .filter((c) => !first.includes(c.index))
    .sort(
      (a, b) => (a.costUsd.mean ?? Infinity) - (b.costUsd.mean ?? Infinity) || a.index - b.index,
    );
  return [...first.map((i) => r.candidates[i]!), ...rest];
}

/** The role of a candidate in the result. */
export function roleOf(r: PlanReport, c: PlanCandidate): string {
  if (c.index === r.winner) return r.outcome === "found" ? "winner" : "best so far";
  if (r.runnersUp.includes(c.index)) return "runner-up";
  return "";
}
