/**
 * Writes a trace file whole or not at all: the rows go to a partial file
 * beside it (partial-file.ts), moved onto the name once complete; a
 * failure or an abort removes it.
 */
import { renameSync, rmSync } from "node:fs";
import { checkFileTarget } from "./output-path.js";
import { partialPath, removeStalePartials } from "./partial-file.js";
import { TraceError } from "./reader.js";
import { openTraceWriter } from "./threaded-writer.js";
import type { TraceBatch } from "./trace-batch.js";

export type TraceBatches = AsyncIterable<TraceBatch> | Iterable<TraceBatch>;

export interface WriteTraceOptions {
  /** Threads already at work besides this one (an importer's parser). */
  readonly busyThreads?: number;
  /** Called after each batch with the rows written so far. */
  readonly onRows?: (rows: number) => void;
  /** Stops the writing between batches; the partial file is removed. */
  readonly signal?: AbortSignal;
}

/**
 * Writes the batches `make` makes to `out` (gzip when it ends in .gz);
 * returns the rows written. `make` is called once `out` is known to be
 * writable, so an importer starts no work for a file it cannot write.
 */
export async function writeTraceFile(
  out: string,
  make: () => TraceBatches,
  opts: WriteTraceOptions = {},
): Promise<number> {
  checkFileTarget(out);
  removeStalePartials(out);
  const tmp = partialPath(out);
  const writer = openTraceWriter(tmp, opts.busyThreads ?? 0, out.endsWith(".gz"));
  let n = 0;
  let batches: AsyncIterator<TraceBatch> | Iterator<TraceBatch> | undefined;
  try {
    const aborted = abortion(opts.signal);
    // Handled here, whether or not it is raced again.
    aborted.catch(() => {});
    const made = make();
    batches = Symbol.asyncIterator in made ? made[Symbol.asyncIterator]() : made[Symbol.iterator]();
    for (;;) {
      // An abort ends the wait for a batch too: an input may stall (a pipe).
      const next = await Promise.race([batches.next(), aborted]);
      if (next.done) break;
      await writer.writeBatch(next.value);
      n += next.value.length;
      opts.onRows?.(n);
      opts.signal?.throwIfAborted();
    }
    batches = undefined;
    await writer.close();
    renameSync(tmp, out);
  } catch (e) {
    // Not awaited: a generator waiting on its input would hold this up.
    void Promise.resolve(batches?.return?.()).catch(() => {});
    await writer.close().catch(() => {});
    rmSync(tmp, { force: true });
    throw e instanceof TraceError && e.file === tmp ? new TraceError(out, 0, e.reason) : e;
  }
  return n;
}

/** Rejects with the signal's reason once it aborts; never settles without one. */
function abortion(signal: AbortSignal | undefined): Promise<never> {
  return new Promise<never>((_, reject) => {
    if (!signal) return;
    signal.throwIfAborted();
    signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true });
  });
}
