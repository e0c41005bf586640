/**
 * The pipeline of a sweep, stage by stage as for one run (pipeline.ts):
 *
 *   load -> validate -> normalize -> expand -> run -> aggregate -> write
 *
 * validate checks the sweep block and every point (scenario/sweep.ts);
 * expand makes the frame, points x replications x policies
 * (sweep-frame.ts); run puts the jobs, or one shard's, on the pool
 * (job-pool.ts); aggregate makes a row per point and policy
 * (sweep-aggregate.ts); write puts sweep.json and sweep.csv, or a shard's
 * shard.json, into --out (reports/write-sweep.ts). `sim merge` takes the
 * shards from the aggregate stage on.
 */
import { ScenarioError } from "../scenario/issues.js";
import { loadScenarioFile, type LoadedScenario } from "../scenario/load.js";
import { scenarioHash } from "../scenario/scenario-hash.js";
import { sweepPoints, pointName, type SweepPoint } from "../scenario/sweep.js";
import { validateScenario, type NormalizedScenario } from "../scenario/validate.js";
import { RunDirectory } from "../../reports/run-directory.js";
import type { SweepReport } from "../../reports/sweep-metrics.js";
import { writeShard, writeSweep } from "../../reports/write-sweep.js";
import { checkRequestLimit, expectedRequests, totalOf } from "./expected-requests.js";
import { runPoolJobs, type PoolOutcome } from "./job-pool.js";
import { SHARD_FORMAT, type ShardFile } from "./merge-shards.js";
import { blameOptions, withOptions, type ScenarioOptions } from "./scenario-options.js";
import { shardJobs, type Shard } from "./shard.js";
import { aggregateSweep } from "./sweep-aggregate.js";
import { plain, poolJobOf, sweepFrame, type SweepFrame } from "./sweep-frame.js";

export interface LoadedSweep {
  readonly loaded: LoadedScenario;
  /** The scenario as written, its sweep block aside. */
  readonly base: NormalizedScenario;
  /** Empty for a scenario without a sweep block. */
  readonly points: readonly SweepPoint[];
}

/** Stages load, validate and normalize, for the scenario and each point of its sweep. */
export function loadSweep(file: string, options: ScenarioOptions = {}): LoadedSweep {
  const loaded = withOptions(loadScenarioFile(file), options);
  try {
    const base = validateScenario(loaded);
    return { loaded, base, points: sweepPoints(loaded) };
  } catch (e) {
    throw e instanceof ScenarioError ? blameOptions(e, options) : e;
  }
}

export interface SweepRequest {
  readonly sweep: LoadedSweep;
  readonly options: ScenarioOptions;
  readonly workers: number;
  /** Run only this slice of the jobs, and write it as a shard. */
  readonly shard?: Shard;
  /** The directory to write to; none: nothing is written. */
  readonly out?: string;
  /** After each job ends: jobs done, jobs to run, and the job's point and policy. */
  readonly onProgress?: (done: number, total: number, label: string) => void;
  readonly signal?: AbortSignal;
}

export interface SweepRunResult {
  readonly frame: SweepFrame;
  /** The whole sweep's report; none for a shard. */
  readonly report?: SweepReport;
  /** Jobs this process ran, and those of them that failed (with what names them). */
  readonly ran: number;
  readonly failures: readonly string[];
  readonly written: readonly string[];
}

/** Every point's expected size against its limit, as for one run. */
export function checkSweepLimits(points: readonly SweepPoint[]): number | null {
  let total = 0;
  for (const p of points) {
    const e = expectedRequests(p.scenario);
    checkRequestLimit(p.scenario, e);
    const t = totalOf(e);
    if (t === null) return null;
    total += t;
  }
  return total;
}

export async function runSweep(req: SweepRequest): Promise<SweepRunResult> {
  const { loaded, base, points } = req.sweep;
  checkSweepLimits(points);
  const frame = sweepFrame(loaded.file, scenarioHash(loaded.text, req.options), base, points);
  const chosen = req.shard
    ? shardJobs(frame.jobs.length, req.shard)
    : frame.jobs.map((j) => j.index);
  const dir = req.out === undefined ? undefined : new RunDirectory(req.out);
  try {
    const jobs = chosen.map((i) => poolJobOf(frame, loaded.text, req.options, frame.jobs[i]!));
    const label = (i: number) => {
      const job = frame.jobs[chosen[i]!]!;
      return `point ${job.point}, ${job.policy}, replication ${job.replication}`;
    };
    const outcomes = plain(
      await runPoolJobs(jobs, {
        workers: req.workers,
        ...(req.onProgress
          ? { onJobDone: (done, total, i) => req.onProgress!(done, total, label(i)) }
          : {}),
        ...(req.signal ? { signal: req.signal } : {}),
      }),
    );
    const failures = outcomes.flatMap((o, k) => (o.ok ? [] : [failureText(frame, chosen[k]!, o)]));
    const made = { scenarioFile: loaded.file, scenario: base.name, seed: base.seed };
    if (req.shard) {
      const shard: ShardFile = { format: SHARD_FORMAT, shard: req.shard, frame, outcomes };
      const written = dir ? writeShard(dir, shard, made) : [];
      return { frame, ran: jobs.length, failures, written };
    }
    const report = aggregateSweep(frame, outcomes);
    const written = dir ? writeSweep(dir, report, loaded.file) : [];
    return { frame, report, ran: jobs.length, failures, written };
  } finally {
    dir?.discard();
  }
}

/** What names a failed job: its point, policy and seed. */
export function failureText(frame: SweepFrame, index: number, o: PoolOutcome): string {
  const job = frame.jobs[index]!;
  const point = frame.points[job.point]!;
  const why = o.ok ? "" : o.error;
  return `job ${index}: sweep ${pointName(job.point, point.values)}, policy ${job.policy}, seed ${job.seed} replication ${job.replication}: ${why}`;
}

/** The report of merged shards, written to `out` as the unsharded run would. */
export function writeMerged(
  frame: SweepFrame,
  outcomes: readonly PoolOutcome[],
  out: string | undefined,
): { report: SweepReport; failures: string[]; written: string[] } {
  const report = aggregateSweep(frame, outcomes);
  const failures = outcomes.flatMap((o, k) => (o.ok ? [] : [failureText(frame, k, o)]));
  const dir = out === undefined ? undefined : new RunDirectory(out);
  try {
    const written = dir ? writeSweep(dir, report, frame.scenario.file) : [];
    return { report, failures, written };
  } finally {
    dir?.discard();
  }
}
