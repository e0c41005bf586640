/** The search's result as the plain data of reports/plan/plan-report.ts. */
import type { PlanCandidate, PlanInterval, PlanReport } from "../../../reports/plan/plan-report.js";
import type { NormalizedScenario } from "../../scenario/validate.js";
import type { Interval } from "./judge.js";
import type { CandidateResult, SearchResult } from "./search.js";

const finite = (x: number) => (Number.isFinite(x) ? x : null);
const interval = (x: Interval): PlanInterval => ({
  mean: finite(x.mean),
  halfWidth: finite(x.halfWidth),
});

function candidateRow(r: CandidateResult): PlanCandidate {
  return {
    index: r.candidate.index,
    label: r.candidate.label,
    settings: r.candidate.settings,
    replications: r.runs.length,
    status: r.status,
    costUsd: interval(r.judgement.costUsd),
    criteria: r.judgement.criteria.map((c) => ({
      metric: c.metric,
      bound: c.bound,
      limit: c.limit,
      ...interval(c),
      verdict: c.verdict,
    })),
  };
}

export function planReport(base: NormalizedScenario, result: SearchResult): PlanReport {
  const plan = base.plan!;
  const winner = result.winner;
  const byCost = result.candidates
    .filter((r) => r.status === "meets" && r !== winner)
    .sort(
      (a, b) =>
        a.judgement.costUsd.mean - b.judgement.costUsd.mean ||
        a.candidate.index - b.candidate.index,
    );
  const label = result.candidates[0]?.candidate.scenario.policies[0]?.label ?? "";
  return {
    scenario: base.name,
    description: base.description,
    seed: base.seed,
    horizonS: base.horizonS,
    slaLatencyS: base.slaLatencyS,
    policy: label,
    criteria: plan.criteria.map((c) => ({ metric: c.metric, bound: c.bound, limit: c.limit })),
    budget: plan.budget,
    runsSpent: result.runsSpent,
    replications: { initial: plan.initialReplications, max: plan.maxReplications },
    outcome: result.outcome,
    winner: winner ? winner.candidate.index : null,
    runnersUp: byCost.slice(0, plan.runnersUp).map((r) => r.candidate.index),
    candidates: result.candidates.map(candidateRow),
  };
}
