/**
 * Stage `expand` for a sweep: points x replications x policies become
 * jobs, in that order. Every policy and every point of replication r draws
 * its workload from the streams of (seed, r) (replication-streams.ts):
 * common random numbers, so differences between points and policies are
 * theirs, not the dice's. The frame is plain data, everything the report
 * needs besides the jobs' results: shards carry it, and merge checks and
 * uses it.
 */
import type { SweepPoint, SweepValue } from "../scenario/sweep.js";
import type { NormalizedScenario } from "../scenario/validate.js";
import type { PoolJob } from "./pool-job.js";
import type { ScenarioOptions } from "./scenario-options.js";

export interface SweepJob {
  readonly index: number;
  readonly point: number;
  readonly policyIndex: number;
  readonly policy: string;
  readonly replication: number;
  /** The scenario seed the job's streams derive from (with its replication). */
  readonly seed: number;
}

export interface SweepFrame {
  readonly scenario: {
    readonly file: string;
    readonly hash: string;
    readonly name: string;
    readonly description: string;
  };
  readonly seed: number;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  readonly slaTarget: number;
  readonly replications: number;
  /** Every swept path, in the order they first appear. */
  readonly parameters: readonly string[];
  readonly points: readonly {
    readonly point: number;
    readonly values: readonly SweepValue[];
    readonly policies: readonly string[];
    readonly slaTarget: number;
  }[];
  readonly jobs: readonly SweepJob[];
}

export function sweepFrame(
  file: string,
  hash: string,
  base: NormalizedScenario,
  points: readonly SweepPoint[],
): SweepFrame {
  const jobs: SweepJob[] = [];
  for (const p of points) {
    const s = p.scenario;
    for (let r = 0; r < s.replications; r++) {
      s.policies.forEach((policy, policyIndex) =>
        jobs.push({
          index: jobs.length,
          point: p.index,
          policyIndex,
          policy: policy.label,
          replication: r,
          seed: s.seed,
        }),
      );
    }
  }
  const parameters = [...new Set(points.flatMap((p) => p.values.map((v) => v.path)))];
  return plain({
    scenario: { file, hash, name: base.name, description: base.description },
    seed: base.seed,
    horizonS: base.horizonS,
    slaLatencyS: base.slaLatencyS,
    slaTarget: base.slaTarget,
    replications: base.replications,
    parameters,
    points: points.map((p) => ({
      point: p.index,
      values: p.values,
      policies: p.scenario.policies.map((x) => x.label),
      slaTarget: p.scenario.slaTarget,
    })),
    jobs,
  });
}

/** As JSON would give it back: a run and a merge of its shards then start from the same values. */
export function plain<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

/** The job as a worker runs it. */
export function poolJobOf(
  frame: SweepFrame,
  text: string,
  options: ScenarioOptions,
  job: SweepJob,
): PoolJob {
  return {
    file: frame.scenario.file,
    text,
    options,
    values: frame.points[job.point]!.values,
    policyIndex: job.policyIndex,
    replication: job.replication,
  };
}
