/**
 * Azure Functions 2021 records as columns: a batch of the file's rows,
 * checked one by one, with end and duration as numbers and function ids as
 * numbers given by an interner, in typed arrays that move between threads
 * without copying. What the parsing stage of an import sends on.
 */
import { csvBatches, requireColumns } from "../csv-records.js";
import { parseDecimal } from "../decimal.js";
import { PairInterner } from "../interner.js";
import { TraceError } from "../reader.js";

export interface Azure2021Columns {
  /** Line of the first row. */
  readonly firstLine: number;
  readonly count: number;
  readonly endS: Float64Array<ArrayBuffer>;
  readonly durationS: Float64Array<ArrayBuffer>;
  /** The rows' function ids, by number. */
  readonly functionIndex: Int32Array<ArrayBuffer>;
  /** Share of the file read by the end of this batch (for progress). */
  readonly fractionRead: number;
  /** Ids numbered from `firstNewFunction` on, first seen in this batch. */
  readonly newFunctions: readonly string[];
  readonly firstNewFunction: number;
}

const BATCH_ROWS = 8192;

/** Batches of rows as columns; a bad row throws a TraceError naming its line. */
export async function* azure2021Columns(file: string): AsyncGenerator<Azure2021Columns> {
  const ids = new PairInterner("/");
  let next = emptyBatch(2, 0);
  let fractionRead = 0;
  for await (const batch of csvBatches(file)) {
    fractionRead = batch.fractionRead;
    const col = requireColumns(file, batch.header, ["app", "func", "end_timestamp", "duration"]);
    const [app, func, endAt, durationAt] = [col.app!, col.func!, col.end_timestamp!, col.duration!];
    const records = batch.records;
    for (let i = 0; i < records.length; i++) {
      if (next.count === BATCH_ROWS) {
        yield withNewFunctions(next, ids, batch.fractionRead);
        next = emptyBatch(batch.firstLine + i, ids.count);
      }
      const rec = records[i]!;
      const end = parseDecimal(rec[endAt]!);
      const duration = parseDecimal(rec[durationAt]!);
      if (!Number.isFinite(end)) {
        throw new TraceError(
          file,
          batch.firstLine + i,
          `end_timestamp is not a number: "${rec[endAt]}"`,
        );
      }
      if (!(duration >= 0 && duration !== Infinity)) {
        throw new TraceError(
          file,
          batch.firstLine + i,
          `duration is not a number >= 0: "${rec[durationAt]}"`,
        );
      }
      const k = next.count++;
      next.endS[k] = end;
      next.durationS[k] = duration;
      next.functionIndex[k] = ids.indexOf(rec[app]!, rec[func]!);
    }
  }
  if (next.count > 0) yield withNewFunctions(next, ids, fractionRead);
}

/** A batch being filled; its share of the file read is added when it is sent. */
type Filling = {
  -readonly [K in Exclude<keyof Azure2021Columns, "fractionRead">]: Azure2021Columns[K];
};

function emptyBatch(firstLine: number, firstNewFunction: number): Filling {
  return {
    firstLine,
    count: 0,
    endS: new Float64Array(BATCH_ROWS),
    durationS: new Float64Array(BATCH_ROWS),
    functionIndex: new Int32Array(BATCH_ROWS),
    newFunctions: [],
    firstNewFunction,
  };
}

function withNewFunctions(
  batch: Filling,
  ids: PairInterner,
  fractionRead: number,
): Azure2021Columns {
  const names: string[] = [];
  for (let k = batch.firstNewFunction; k < ids.count; k++) names.push(ids.joined(k));
  return { ...batch, fractionRead, newFunctions: names };
}
