/** Stage `run` for one job: a fresh scheduler, cluster and workload. */
import { PRIORITY_LATE, Scheduler } from "../engine/scheduler.js";
import { Cluster } from "../model/cluster.js";
import type { RequestRecord, RunSummary, TimeseriesRow } from "../model/summary.js";
import { RandomStreams } from "../random/streams.js";
import type { NormalizedScenario, Workload } from "../scenario/validate.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { TraceReader } from "../../traces/reader.js";
import { traceSource } from "../../traces/trace-source.js";
import { batchRows, type RowStream } from "../../traces/row-stream.js";
import { importAzure2019 } from "../../traces/import/azure2019.js";
import { importAzure2021 } from "../../traces/import/azure2021.js";
import type { CodeProgram } from "../../traces/code-corpus.js";
import type { Job } from "./expand.js";

export interface JobResult {
  readonly job: Job;
  readonly summary: RunSummary;
  readonly timeseries: TimeseriesRow[];
  /** Bad trace rows skipped (lenient replay). */
  readonly skippedRows: number;
}

export interface JobSinks {
  readonly onRequestEnd?: (record: RequestRecord) => void;
  /** Called with the simulated share of the horizon done, about every 1%. */
  readonly onProgress?: (fraction: number) => void;
}

function rowsOf(w: Exclude<Workload, { kind: "synth" }>, streams: RandomStreams): RowStream {
  if (w.kind === "trace") return new TraceReader(w.file, { lenient: w.lenient });
  const src = w.source;
  const batches =
    src.format === "azure2019"
      ? importAzure2019(src.days, streams.child("import"))
      : importAzure2021(src.file, { reorderWindowS: src.reorderWindowS });
  return batchRows(batches[Symbol.asyncIterator]());
}

export async function runJob(
  s: NormalizedScenario,
  job: Job,
  sinks: JobSinks = {},
  programs: readonly CodeProgram[] = [],
): Promise<JobResult> {
  const run = s.policies[job.policyIndex]!;
  const streams = new RandomStreams(s.seed).child(`rep-${job.replication}`);
  const scheduler = new Scheduler();
  const timeseries: TimeseriesRow[] = [];
  const cluster = new Cluster(scheduler, {
    policyName: run.label,
    policy: run.policy,
    policyConfig: run.config,
    catalog: s.catalog,
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
  });
  const w = s.workload;
  const trace =
    w.kind === "synth" ? undefined : traceSource(rowsOf(w, streams), w.replay, programs);
  if (trace) await trace.reader.refill();
  cluster.start(w.kind === "synth" ? synthWorkload(w.synth, streams, programs) : trace!);
  const progress = sinks.onProgress;
  if (progress) {
    const step = s.horizonS / 100;
    const tick = () => {
      progress(scheduler.now / s.horizonS);
      if (scheduler.now + step < s.horizonS) scheduler.after(step, tick, undefined, PRIORITY_LATE);
    };
    scheduler.after(step, tick, undefined, PRIORITY_LATE);
  }
  if (trace) {
    // Run up to the last arrival read (less the notice lookahead, so no
    // notice of a row not read yet falls due), read on, and go again: the
    // trace is streamed, never held whole.
    while (await trace.reader.refill()) {
      cluster.resumeArrivals();
      const upTo = trace.reader.lastArrivalS - cluster.lookaheadS;
      scheduler.run(Math.min(s.horizonS, Math.max(scheduler.now, upTo)));
      if (scheduler.now >= s.horizonS) break;
    }
    cluster.resumeArrivals();
    trace.reader.close();
  }
  scheduler.run(s.horizonS);
  return { job, summary: cluster.finish(), timeseries, skippedRows: trace?.reader.skipped ?? 0 };
}
