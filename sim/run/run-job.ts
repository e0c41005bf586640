/** Stage `run` for one job: a fresh scheduler, cluster and workload. */
import { PRIORITY_LATE, Scheduler } from "../engine/scheduler.js";
import { Cluster } from "../model/cluster.js";
import type { RequestSource, WorkRequest } from "../model/request.js";
import type { RequestRecord, RunSummary, TimeseriesRow } from "../model/summary.js";
import type { NormalizedScenario } from "../scenario/validate.js";
import { RunProfiles } from "../profiles/run-profiles.js";
import { snapshotEndS } from "../profiles/run-profiles.js";
import type { ProfileObservation } from "../profiles/types.js";
import type { StartingProfiles } from "./run-profiles-io.js";
import type { CodeProgram } from "../../traces/code-corpus.js";
import type { Job } from "./expand.js";
import { replicationStreams } from "./replication-streams.js";
import { jobWorkload } from "./workload-source.js";

export interface JobResult {
  readonly job: Job;
  readonly summary: RunSummary;
  readonly timeseries: TimeseriesRow[];
  /** Bad trace rows skipped (lenient replay). */
  readonly skippedRows: number;
  /** What the job observed, when it ran with profiles. */
  readonly observations: readonly ProfileObservation[];
}

export interface JobSinks {
  readonly onRequestEnd?: (record: RequestRecord) => void;
  /** Each request as the workload hands it to the model, in arrival order. */
  readonly onArrival?: (request: WorkRequest) => void;
  /**
   * Called with the simulated share of the horizon done: about every 1% of
   * it, and every few thousand requests, so a large workload shows at once.
   */
  readonly onProgress?: (fraction: number) => void;
  /** Stops the run between slices of events; the job then throws its reason. */
  readonly signal?: AbortSignal;
}

/** Events simulated between two looks at the clock. */
const SLICE_EVENTS = 10_000;
/** Wall time between two turns of the event loop (signals, aborts), at most about. */
const YIELD_MS = 50;
const PROGRESS_EVERY_REQUESTS = 4096;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Runs the scheduler to `until` in slices, yielding between them, so a
 * signal is handled while a long job runs. The events and their order are
 * those of one run to `until`.
 */
async function runSliced(scheduler: Scheduler, until: number, signal?: AbortSignal) {
  signal?.throwIfAborted();
  let yieldedAt = Date.now();
  while (scheduler.run(until, SLICE_EVENTS).reason === "maxEvents") {
    if (Date.now() - yieldedAt < YIELD_MS) continue;
    await nextTurn();
    signal?.throwIfAborted();
    yieldedAt = Date.now();
  }
}

/** The source as the model sees it, with each request observed on its way. */
function observed(source: RequestSource, onRequest: (r: WorkRequest) => void): RequestSource {
  return {
    get announces() {
      return source.announces;
    },
    next() {
      const r = source.next();
      if (r) onRequest(r);
      return r;
    },
  };
}

export async function runJob(
  s: NormalizedScenario,
  job: Job,
  sinks: JobSinks = {},
  programs: readonly CodeProgram[] = [],
  startProfiles?: StartingProfiles,
): Promise<JobResult> {
  const run = s.policies[job.policyIndex]!;
  const profiles = startProfiles
    ? new RunProfiles(
        startProfiles.snapshot,
        startProfiles.limits,
        snapshotEndS(startProfiles.snapshot) + job.replication * s.horizonS,
      )
    : s.recordProfiles
      ? new RunProfiles(undefined, {}, job.replication * s.horizonS)
      : undefined;
  const streams = replicationStreams(s.seed, job.replication);
  const scheduler = new Scheduler();
  const timeseries: TimeseriesRow[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: run.label,
    policy: run.policy,
    policyConfig: run.config,
    catalog: s.catalog,
    profiles: s.profiles,
    streams,
    horizonS: s.horizonS,
    slaLatencyS: s.slaLatencyS,
    queueCapacity: s.queueCapacity,
    queueTimeoutS: s.queueTimeoutS,
    retryOutOfMemory: s.retryOutOfMemory,
    migrationFixedS: s.migrationFixedS,
    migrationMiBPerS: s.migrationMiBPerS,
    noticeLookaheadS: s.noticeLookaheadS,
    sampleIntervalS: s.sampleIntervalS,
    onSample: (row) => timeseries.push(row),
    ...(sinks.onRequestEnd ? { onRequestEnd: sinks.onRequestEnd } : {}),
    ...(profiles ? { behavior: profiles } : {}),
  });
  const workload = jobWorkload(s, streams, programs);
  const trace = workload.kind === "trace" ? workload.source : undefined;
  if (trace) await trace.reader.refill();
  const { onProgress: progress, onArrival, signal } = sinks;
  let requests = 0;
  const source =
    progress || onArrival
      ? observed(workload.source, (r) => {
          onArrival?.(r);
          if (progress && ++requests % PROGRESS_EVERY_REQUESTS === 0)
            progress(scheduler.now / s.horizonS);
        })
      : workload.source;
  cluster.start(source);
  if (progress) {
    const step = s.horizonS / 100;
    const tick = () => {
      progress(scheduler.now / s.horizonS);
      if (scheduler.now + step < s.horizonS) scheduler.after(step, tick, undefined, PRIORITY_LATE);
    };
    scheduler.after(step, tick, undefined, PRIORITY_LATE);
  }
  try {
    if (trace) {
      // Run up to the last arrival read (less the notice lookahead, so no
      // notice of a row not read yet falls due), read on, and go again: the
      // trace is streamed, never held whole.
      while (await trace.reader.refill()) {
        cluster.resumeArrivals();
        const upTo = trace.reader.lastArrivalS - cluster.lookaheadS;
        await runSliced(scheduler, Math.min(s.horizonS, Math.max(scheduler.now, upTo)), signal);
        if (scheduler.now >= s.horizonS) break;
      }
      cluster.resumeArrivals();
    }
    await runSliced(scheduler, s.horizonS, signal);
  } finally {
    trace?.reader.close();
  }
  return {
    job,
    summary: cluster.finish(),
    timeseries,
    skippedRows: trace?.reader.skipped ?? 0,
    observations: profiles?.observations ?? [],
  };
}
