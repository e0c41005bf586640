/**
 * The synthetic workload of a scenario as trace batches: exactly the
 * requests its first replication simulates (same streams, same code
 * corpus), up to its horizon. What `sim trace synth` writes.
 */
import type { NormalizedScenario } from "../scenario/validate.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { traceRowOf } from "../../traces/synth/workload.js";
import { checkRequestLimit, expectedRequests } from "./expected-requests.js";
import { replicationStreams } from "./replication-streams.js";
import { UsageError } from "./usage-error.js";
import { jobWorkload, workloadPrograms } from "./workload-source.js";

const BATCH_ROWS = 8192;

/** The batches, and the share of the horizon they have reached so far. */
export interface SynthTrace {
  readonly batches: Iterable<TraceBatch>;
  readonly fraction: () => number;
}

export async function synthTrace(s: NormalizedScenario, file: string): Promise<SynthTrace> {
  if (s.workload.kind !== "synth") throw new UsageError(`${file} has no workload.synth to write`);
  // A trace has no column for these: the written trace would simulate otherwise than the scenario.
  const synth = s.workload.synth;
  const unwritable = (["coldExtra", "classes"] as const).filter((k) => synth[k]);
  if (unwritable.length > 0)
    throw new UsageError(
      `${file}: workload.synth.${unwritable.join(" and ")} ${unwritable.length > 1 ? "have" : "has"} no trace column, so a trace of it would not replay as the scenario runs; leave ${unwritable.length > 1 ? "them" : "it"} out to write the trace`,
    );
  // One replication of one policy is what is written.
  checkRequestLimit(s, { ...expectedRequests(s), policies: 1, replications: 1 });
  const workload = jobWorkload(s, replicationStreams(s.seed, 0), await workloadPrograms(s));
  const source = workload.source;
  let reached = 0;
  function* batches(): Generator<TraceBatch> {
    let batch = new TraceBatch(BATCH_ROWS);
    for (let r = source.next(); r && r.arrivalS < s.horizonS; r = source.next()) {
      batch.push(traceRowOf(r));
      if (batch.length === BATCH_ROWS) {
        reached = r.arrivalS / s.horizonS;
        yield batch;
        batch = new TraceBatch(BATCH_ROWS);
      }
    }
    if (batch.length > 0) yield batch;
  }
  return { batches: batches(), fraction: () => reached };
}
