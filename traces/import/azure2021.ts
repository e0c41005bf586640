/**
 * Azure Functions 2021 (Zhang et al., SOSP 2021) to the provisim trace
 * format: one row per invocation (app, func, end_timestamp, duration in
 * seconds). Rows come in end order; arrivals (end - duration) are put in
 * order with a heap that holds each request back for the reorder window
 * (or the longest run seen, when longer): a row that ends later can start
 * earlier by at most that much. An invocation that ran longer than the
 * window, starting before requests already written, is an error that says
 * so, not a silent reordering.
 */
import { csvBatches, requireColumns } from "../csv-records.js";
import { parseDecimal } from "../decimal.js";
import type { TraceRow } from "../format.js";
import { PairInterner } from "../interner.js";
import { TraceError } from "../reader.js";
import { StartOrder } from "./start-order.js";

export interface Azure2021Stats {
  /** Invocations that started before the trace did (negative arrival), left out. */
  startedBeforeTrace: number;
}

export interface Azure2021Options {
  /**
   * How long a row is held back for an invocation that ends later but
   * started earlier: the longest run the import can put in order (more
   * if longer runs were seen). Ten minutes, the longest a function may run
   * on the Consumption plan, by default.
   */
  readonly reorderWindowS?: number;
  /** Filled in as the import goes. */
  readonly stats?: Azure2021Stats;
}

export const DEFAULT_REORDER_WINDOW_S = 600;

/** Yields trace rows in arrival order, a batch at a time. */
export async function* importAzure2021(
  file: string,
  options: Azure2021Options = {},
): AsyncGenerator<TraceRow[]> {
  const window = options.reorderWindowS ?? DEFAULT_REORDER_WINDOW_S;
  const stats = options.stats ?? { startedBeforeTrace: 0 };
  const held = new StartOrder();
  const ids = new PairInterner("/");
  let lastEnd = -Infinity;
  let hold = window;
  let lastOut = -Infinity;
  const release = (upTo: number, out: TraceRow[]) => {
    while (held.size > 0 && held.earliest <= upTo) out.push(held.pop());
    if (out.length > 0) lastOut = out[out.length - 1]!.arrivalS;
  };
  for await (const batch of csvBatches(file)) {
    const col = requireColumns(file, batch.header, ["app", "func", "end_timestamp", "duration"]);
    const [app, func, endAt, durationAt] = [col.app!, col.func!, col.end_timestamp!, col.duration!];
    const records = batch.records;
    const out: TraceRow[] = [];
    for (let i = 0; i < records.length; i++) {
      const rec = records[i]!;
      const line = batch.firstLine + i;
      const end = parseDecimal(rec[endAt]!);
      const duration = parseDecimal(rec[durationAt]!);
      if (!Number.isFinite(end)) {
        throw new TraceError(file, line, `end_timestamp is not a number: "${rec[endAt]}"`);
      }
      if (!(duration >= 0 && duration !== Infinity)) {
        throw new TraceError(file, line, `duration is not a number >= 0: "${rec[durationAt]}"`);
      }
      if (end < lastEnd) {
        throw new TraceError(
          file,
          line,
          `end_timestamp ${end} is before the previous row's ${lastEnd}`,
        );
      }
      lastEnd = end;
      // To the microsecond: the data is in milliseconds, and short numbers print fast.
      const arrival = Math.round((end - duration) * 1e6) / 1e6;
      if (arrival < lastOut) {
        throw new TraceError(
          file,
          line,
          `ran ${duration} s, longer than the reorder window of ${hold} s: it starts at ${arrival}, before an invocation already written (${lastOut}); import with a longer reorder window`,
        );
      }
      if (duration > hold) hold = duration;
      if (arrival < 0) {
        stats.startedBeforeTrace++;
        continue;
      }
      held.push(arrival, duration, ids.get(rec[app]!, rec[func]!));
      release(end - hold, out);
    }
    if (out.length > 0) yield out;
  }
  const rest: TraceRow[] = [];
  release(Infinity, rest);
  if (rest.length > 0) yield rest;
}
