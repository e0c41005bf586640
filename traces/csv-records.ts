/**
 * CSV records of a file (gzip recognised by its bytes) as an async iterator,
 * with the line each came from; the file is streamed, a few thousand
 * records at a time.
 */
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { createGunzip } from "node:zlib";
import Papa from "papaparse";
import { TraceError } from "./reader.js";

export interface CsvRecord {
  readonly fields: Record<string, string>;
  readonly line: number;
}

export function isGzipFile(file: string): boolean {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(2);
    return readSync(fd, b, 0, 2, 0) === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    closeSync(fd);
  }
}

/** Yields records; a malformed record or an unreadable file throws a TraceError naming the line. */
export async function* csvRecords(
  file: string,
  required: readonly string[] = [],
): AsyncGenerator<CsvRecord> {
  let gzip: boolean;
  try {
    gzip = isGzipFile(file);
  } catch (e) {
    throw new TraceError(
      file,
      0,
      (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message,
    );
  }
  const queue: CsvRecord[] = [];
  let done = false;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  let parser: Papa.Parser | undefined;
  let line = 1;
  let checked = false;
  const signal = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const raw = createReadStream(file);
  raw.on("error", (e: Error) => {
    failure ??= new TraceError(file, line, e.message);
    done = true;
    signal();
  });
  const input = gzip ? raw.pipe(createGunzip()) : raw;
  Papa.parse<Record<string, string>>(input as unknown as File, {
    header: true,
    skipEmptyLines: true,
    step: (result, p) => {
      parser = p;
      line++;
      if (!checked) {
        checked = true;
        const missing = required.filter((c) => !(result.meta.fields ?? []).includes(c));
        if (missing.length > 0) {
          failure = new TraceError(file, 1, `missing column ${missing.join(", ")}`);
          p.abort();
          done = true;
          signal();
          return;
        }
      }
      const err = result.errors[0];
      if (err) {
        failure = new TraceError(file, line, err.message);
        p.abort();
        done = true;
        signal();
        return;
      }
      queue.push({ fields: result.data, line });
      if (queue.length >= 4096) {
        p.pause();
        signal();
      }
    },
    complete: () => {
      done = true;
      signal();
    },
    error: (e: Error) => {
      failure ??= new TraceError(file, line, e.message);
      done = true;
      signal();
    },
  });
  for (;;) {
    while (queue.length > 0) {
      if (failure) break;
      yield queue.shift()!;
    }
    if (failure) throw failure;
    if (done) return;
    await new Promise<void>((resolve) => {
      wake = resolve;
      parser?.resume();
    });
  }
}
