/**
 * Azure Functions 2021 (Zhang et al., SOSP 2021) to the provisim trace
 * format: one row per invocation (app, func, end_timestamp, duration in
 * seconds). The rows may come in end order, or in start order (as the
 * dataset itself does), or anything between: arrivals (end -
 * duration) are put in order by holding each request back for the reorder
 * window, so that a row read later may start earlier by at most that much.
 * One that starts earlier still (in end order, a run longer than the
 * window) is an error that says so, not a silent reordering: decided row
 * by row, so the same whatever the batches.
 *
 * Two stages: parsing (CSV, numbers, function ids; azure2021-columns.ts)
 * and ordering. For a large file parsing runs on a thread of its own, and
 * the two stages on two cores; the rows are the same either way.
 */
import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { TraceBatch } from "../trace-batch.js";
import { TraceError } from "../reader.js";
import { fromWorker } from "../worker-stream.js";
import { azure2021Columns, type Azure2021Columns } from "./azure2021-columns.js";
import { StartOrder } from "./start-order.js";

export interface Azure2021Stats {
  /** Invocations that started before the trace did (negative arrival), left out. */
  startedBeforeTrace: number;
}

export interface Azure2021Options {
  /**
   * How long a row is held back for one read later that started earlier.
   * For rows in end order, the longest run the import can put in order:
   * ten minutes by default, the longest a function may run on the
   * Consumption plan.
   */
  readonly reorderWindowS?: number;
  /** Filled in as the import goes. */
  readonly stats?: Azure2021Stats;
  /** Parse on a thread of its own; by default, for files of more than 8 MiB. */
  readonly parseThread?: boolean;
  /** Told the share of the file read, a batch at a time. */
  readonly onProgress?: (fraction: number) => void;
}

export const DEFAULT_REORDER_WINDOW_S = 600;

/** Yields trace rows in arrival order, a batch at a time. */
export async function* importAzure2021(
  file: string,
  options: Azure2021Options = {},
): AsyncGenerator<TraceBatch> {
  const window = options.reorderWindowS ?? DEFAULT_REORDER_WINDOW_S;
  const stats = options.stats ?? { startedBeforeTrace: 0 };
  const held = new StartOrder();
  // Rows that started a window before the latest start read may be written
  // already. Checked row by row, so what is an error does not depend on
  // where batches fall.
  let latestStart = -Infinity;
  const release = (upTo: number, out: TraceBatch) => {
    while (held.size > 0 && held.earliest <= upTo) held.popInto(out);
  };
  const thread = options.parseThread ?? parseThreadPays(file);
  if (thread && !HAS_WORKER) throw new Error("a parsing thread needs the compiled worker script");
  const batches = thread
    ? fromWorker<Azure2021Columns>(WORKER_SCRIPT, file)
    : azure2021Columns(file);
  const functionIds: string[] = [];
  for await (const c of batches) {
    for (const id of c.newFunctions) functionIds.push(id);
    // The batch's rows, checked in file order, join the held ones as one run.
    const starts = new Float64Array(c.count);
    const durations = new Float64Array(c.count);
    const ids: string[] = [];
    let kept = 0;
    for (let i = 0; i < c.count; i++) {
      const end = c.endS[i]!;
      const duration = c.durationS[i]!;
      // To the microsecond: the data is in milliseconds, and short numbers print fast.
      const arrival = Math.round((end - duration) * 1e6) / 1e6;
      if (arrival < latestStart - window) {
        throw new TraceError(
          file,
          c.firstLine + i,
          `starts at ${arrival} (it ran ${duration} s), ${Math.round((latestStart - arrival) * 1e3) / 1e3} s before an invocation read earlier: more than the reorder window of ${window} s; import with a longer reorder window`,
        );
      }
      if (arrival > latestStart) latestStart = arrival;
      if (arrival < 0) {
        stats.startedBeforeTrace++;
        continue;
      }
      starts[kept] = arrival;
      durations[kept] = duration;
      ids[kept++] = functionIds[c.functionIndex[i]!]!;
    }
    held.add(starts, durations, ids, kept);
    options.onProgress?.(c.fractionRead);
    const out = new TraceBatch(c.count);
    release(latestStart - window, out);
    if (out.length > 0) yield out;
  }
  const rest = new TraceBatch(held.size);
  release(Infinity, rest);
  if (rest.length > 0) yield rest;
}

const WORKER_SCRIPT = new URL("./azure2021-worker.js", import.meta.url);
// Run from its TypeScript sources (as tests do) there is no compiled worker.
const HAS_WORKER = existsSync(fileURLToPath(WORKER_SCRIPT));

/** A thread costs tens of milliseconds to start: worth it for large files, on two cores or more. */
function parseThreadPays(file: string): boolean {
  if (!HAS_WORKER || availableParallelism() < 2) return false;
  try {
    return statSync(file).size > 1 << 23;
  } catch {
    return false;
  }
}
