/** Writes a trace file row by row (gzip when the name ends in .gz), with back-pressure. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip, type Gzip, type ZlibOptions } from "node:zlib";
import { CsvBytes } from "../reports/csv-bytes.js";
import { TRACE_COLUMNS, writeTraceRow, type TraceRow } from "./format.js";
import { TraceError } from "./reader.js";

const CHUNK_BYTES = 1 << 18;

export class TraceWriter {
  private readonly file: WriteStream;
  private readonly out: WriteStream | Gzip;
  private readonly pending = new CsvBytes(CHUNK_BYTES + 4096);
  private failure: TraceError | undefined;

  constructor(path: string) {
    // Deep buffers let formatting go on while earlier chunks are written.
    this.file = createWriteStream(path, { highWaterMark: 1 << 22 });
    if (path.endsWith(".gz")) {
      // Level 1: traces compress well even so, and writing stays fast. A deep
      // buffer (zlib streams take stream options) lets rows be formatted while
      // earlier chunks compress on another thread, instead of waiting on each.
      const options: ZlibOptions & { highWaterMark: number } = {
        level: 1,
        chunkSize: 1 << 18,
        highWaterMark: 1 << 22,
      };
      const gz = createGzip(options);
      gz.pipe(this.file);
      this.out = gz;
    } else {
      this.out = this.file;
    }
    const fail = (e: Error) =>
      (this.failure ??= new TraceError(path, 0, `cannot write: ${e.message}`));
    this.file.on("error", fail);
    this.out.on("error", fail);
    this.pending.header(TRACE_COLUMNS);
  }

  async write(row: TraceRow): Promise<void> {
    await this.writeBatch([row]);
  }

  async writeBatch(rows: readonly TraceRow[]): Promise<void> {
    for (const row of rows) {
      writeTraceRow(this.pending, row);
      if (this.pending.length >= CHUNK_BYTES) await this.flush();
    }
  }

  /** Writes what is left and closes the file; a failure to write throws a TraceError. */
  async close(): Promise<void> {
    await this.flush();
    if (!this.file.closed) {
      this.out.end();
      // A failure is recorded by its listener; here only the close is awaited.
      await once(this.file, "close").catch(() => {});
    }
    if (this.failure) throw this.failure;
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    if (!this.out.write(this.pending.take())) {
      await once(this.out, "drain").catch(() => {});
      if (this.failure) throw this.failure;
    }
  }
}
