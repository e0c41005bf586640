/**
 * The search for the cheapest candidate that meets the SLA with 95%
 * confidence. Every candidate first gets `initial` replications (a coarse
 * screen of the whole grid). Then, while a candidate still straddles the SLA
 * line and is cheaper (by mean cost) than the cheapest one known to meet
 * it, the cheapest such candidate gets half as many replications again as
 * it has, up to `max`; one still straddling at `max` is left undecided. The
 * search ends when no cheaper candidate is in doubt, or when the budget of
 * runs is spent. Replication r of every candidate draws from the same
 * streams (common random numbers), so candidates differ by their
 * configuration, not their dice; the order of the runs, and so every byte of
 * the result, follows from the scenario and its seed alone.
 */
import type { RunSummary } from "../../model/summary.js";
import type { NormalizedPlan } from "../../scenario/plan-section.js";
import type { Candidate } from "./candidates.js";
import { judge, type Judgement } from "./judge.js";
import type { PlanJob, PlanJobRunner } from "./run-jobs.js";

/** meets, misses, undecided (at its maximum of replications or in doubt when the budget ran out), or unscreened (never had its initial runs). */
export type CandidateStatus = "meets" | "misses" | "undecided" | "unscreened";

export interface CandidateResult {
  readonly candidate: Candidate;
  readonly runs: readonly RunSummary[];
  readonly status: CandidateStatus;
  readonly judgement: Judgement;
}

/**
 * found: the winner is the cheapest that meets the SLA; none: every
 * candidate misses it or stays undecided; budget-spent: runs ran out while a
 * cheaper candidate was still in doubt (a winner, if any, is the cheapest
 * found to meet the SLA so far).
 */
export type PlanOutcome = "found" | "none" | "budget-spent";

export interface SearchResult {
  readonly outcome: PlanOutcome;
  readonly winner: CandidateResult | null;
  /** Every candidate, in grid order. */
  readonly candidates: readonly CandidateResult[];
  readonly runsSpent: number;
}

export interface SearchProgress {
  /** After each run: runs done, the budget, and the job just run. */
  readonly onRun?: (done: number, budget: number, job: PlanJob) => void;
}

/** Cheaper by mean cost; grid order breaks ties. */
const byCost = (a: CandidateResult, b: CandidateResult) =>
  a.judgement.costUsd.mean - b.judgement.costUsd.mean || a.candidate.index - b.candidate.index;

export async function searchPlan(
  plan: NormalizedPlan,
  candidates: readonly Candidate[],
  run: PlanJobRunner,
  progress: SearchProgress = {},
): Promise<SearchResult> {
  const runs: RunSummary[][] = candidates.map(() => []);
  let spent = 0;
  const execute = async (jobs: PlanJob[]) => {
    const batch = jobs.slice(0, plan.budget - spent);
    const summaries = await run(batch, (job) => {
      spent++;
      progress.onRun?.(spent, plan.budget, job);
    });
    batch.forEach((job, i) => runs[job.candidate.index]!.push(summaries[i]!));
  };
  const results = (): CandidateResult[] =>
    candidates.map((candidate, i) => {
      const own = runs[i]!;
      const judgement = judge(own, plan.criteria);
      const status: CandidateStatus =
        own.length < plan.initialReplications ? "unscreened" : judgement.verdict;
      return { candidate, runs: own, status, judgement };
    });

  /** The cheapest candidate cheaper than the best that meets the SLA, still in doubt. */
  const inDoubt = (now: readonly CandidateResult[]) => {
    const best = now.filter((r) => r.status === "meets").sort(byCost)[0];
    return now
      .filter((r) => r.status === "undecided" && r.runs.length < plan.maxReplications)
      .filter((r) => !best || byCost(r, best) < 0)
      .sort(byCost)[0];
  };

  await execute(
    candidates.flatMap((candidate) =>
      Array.from({ length: plan.initialReplications }, (_, replication) => ({
        candidate,
        replication,
      })),
    ),
  );
  for (;;) {
    const doubt = inDoubt(results());
    if (!doubt || spent >= plan.budget) break;
    const n = doubt.runs.length;
    const more = Math.min(plan.maxReplications - n, Math.max(1, Math.ceil(n / 2)));
    await execute(
      Array.from({ length: more }, (_, k) => ({ candidate: doubt.candidate, replication: n + k })),
    );
  }
  const final = results();
  const winner = final.filter((r) => r.status === "meets").sort(byCost)[0] ?? null;
  const open = final.some((r) => r.status === "unscreened") || inDoubt(final) !== undefined;
  const outcome: PlanOutcome = open ? "budget-spent" : winner ? "found" : "none";
  return { outcome, winner, candidates: final, runsSpent: spent };
}
