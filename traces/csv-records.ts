/**
 * CSV records of a file (gzip recognised by its bytes), streamed in chunks:
 * an async iterator of batches, each record an array of fields in header
 * order with the line it came from. Batches, not single records, so the
 * per-record cost stays that of parsing.
 */
import Papa from "papaparse";
import { openInput, type Input } from "./input.js";
import { TraceError, unopenable } from "./reader.js";

export interface CsvBatch {
  /** The header's fields. */
  readonly header: readonly string[];
  readonly records: readonly (readonly string[])[];
  /** Line of the first record of the batch. */
  readonly firstLine: number;
  /** Share of the file read once this batch was (for progress). */
  readonly fractionRead: number;
}

/** Column positions by name; a missing required column throws a TraceError on line 1. */
export function requireColumns(
  file: string,
  header: readonly string[],
  required: readonly string[],
): Record<string, number> {
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new TraceError(file, 1, `missing column ${missing.join(", ")}`);
  return Object.fromEntries(required.map((c) => [c, header.indexOf(c)]));
}

/** Yields batches; a malformed record or an unreadable file throws a TraceError naming the line. */
export async function* csvBatches(file: string): AsyncGenerator<CsvBatch> {
  const ready: CsvBatch[] = [];
  let header: string[] | undefined;
  let line = 0;
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const fail = (e: Error) => {
    failure ??= e;
    done = true;
    parser?.abort();
    signal();
  };
  let input: Input;
  try {
    input = openInput(file, (e) => fail(new TraceError(file, line, e.message)));
  } catch (e) {
    throw unopenable(file, e);
  }
  Papa.parse<string[]>(input.text as unknown as File, {
    header: false,
    skipEmptyLines: true,
    chunk: (result, p) => {
      parser = p;
      const errors =
        result.errors.length > 0
          ? new Map(result.errors.map((e) => [e.row, e.message]))
          : undefined;
      let records = result.data;
      // The header is the first row of the first chunk; error rows count it.
      const offset = header ? 0 : 1;
      if (!header) {
        header = records[0] ?? [];
        records = records.slice(1);
        line = 1;
      }
      const first = line + 1;
      for (let i = 0; i < records.length; i++) {
        const err = errors?.get(i + offset);
        const n = first + i;
        if (err) return fail(new TraceError(file, n, err));
        if (records[i]!.length !== header.length) {
          return fail(
            new TraceError(
              file,
              n,
              `expected ${header.length} fields, found ${records[i]!.length}`,
            ),
          );
        }
      }
      line = first + records.length - 1;
      if (records.length > 0)
        ready.push({ header, records, firstLine: first, fractionRead: input.fractionRead() });
      p.pause();
      signal();
    },
    complete: () => {
      done = true;
      signal();
    },
    error: (e: Error) => fail(new TraceError(file, line, e.message)),
  });
  for (;;) {
    if (failure) throw failure;
    const batch = ready.shift();
    if (batch) {
      yield batch;
      continue;
    }
    if (done) {
      if (failure) throw failure;
      if (!header) throw new TraceError(file, 1, "the file is empty: no header");
      return;
    }
    await new Promise<void>((resolve) => {
      wake = resolve;
      parser?.resume();
    });
  }
}

/** Records as objects keyed by column, for files of modest row counts (joins, lookups). */
export async function* csvRecords(
  file: string,
  required: readonly string[] = [],
): AsyncGenerator<{ fields: Record<string, string>; line: number }> {
  for await (const batch of csvBatches(file)) {
    requireColumns(file, batch.header, required);
    for (let i = 0; i < batch.records.length; i++) {
      const rec = batch.records[i]!;
      const fields: Record<string, string> = {};
      batch.header.forEach((h, k) => (fields[h] = rec[k] ?? ""));
      yield { fields, line: batch.firstLine + i };
    }
  }
}
