/**
 * The requests of a job, as the run simulates them and as `sim trace synth`
 * writes them: one function, so the two never differ.
 */
import type { RequestSource } from "../model/request.js";
import type { RandomStreams } from "../random/streams.js";
import type { NormalizedScenario, Workload } from "../scenario/validate.js";
import { loadCodeCorpus, pickPrograms, type CodeProgram } from "../../traces/code-corpus.js";
import { importAzure2019 } from "../../traces/import/azure2019.js";
import { importAzure2021 } from "../../traces/import/azure2021.js";
import { TraceReader } from "../../traces/reader.js";
import { batchRows, type RowStream } from "../../traces/row-stream.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { traceSource, type TraceSource } from "../../traces/trace-source.js";

/** The programs of the workload's `code:` directory (those `programs:` lists), analyzed once for every job. */
export async function workloadPrograms(s: NormalizedScenario): Promise<CodeProgram[]> {
  const w = s.workload;
  if (!w.codeDir) return [];
  const corpus = await loadCodeCorpus(w.codeDir);
  return w.kind === "synth" && w.programs ? pickPrograms(corpus, w.programs, w.codeDir) : corpus;
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

export type JobWorkload =
  | { readonly kind: "synth"; readonly source: RequestSource }
  | { readonly kind: "trace"; readonly source: TraceSource };

/** The requests of a job of replication `streams` draws from. */
export function jobWorkload(
  s: NormalizedScenario,
  streams: RandomStreams,
  programs: readonly CodeProgram[],
): JobWorkload {
  const w = s.workload;
  if (w.kind === "synth")
    return { kind: "synth", source: synthWorkload(w.synth, streams, programs) };
  return { kind: "trace", source: traceSource(rowsOf(w, streams), w.replay, programs) };
}
