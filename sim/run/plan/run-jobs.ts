/**
 * How the planner's jobs are run: one batch at a time, each job a candidate
 * and a replication. This one runs them in order, in this process; a worker
 * pool can take its place, since a job's result depends on the candidate's
 * scenario and the replication's seed alone.
 */
import type { RunSummary } from "../../model/summary.js";
import type { CodeProgram } from "../../../traces/code-corpus.js";
import { runJob } from "../run-job.js";
import type { Candidate } from "./candidates.js";

export interface PlanJob {
  readonly candidate: Candidate;
  readonly replication: number;
}

/** Runs a batch and gives each job's summary, in the batch's order; `onDone` after each. */
export type PlanJobRunner = (
  jobs: readonly PlanJob[],
  onDone: (job: PlanJob) => void,
) => Promise<RunSummary[]>;

export function sequentialRunner(
  programs: readonly CodeProgram[],
  signal?: AbortSignal,
): PlanJobRunner {
  return async (jobs, onDone) => {
    const out: RunSummary[] = [];
    for (const job of jobs) {
      const sinks = signal ? { signal } : {};
      const job0 = { index: 0, policyIndex: 0, replication: job.replication };
      out.push((await runJob(job.candidate.scenario, job0, sinks, programs)).summary);
      onDone(job);
    }
    return out;
  };
}
