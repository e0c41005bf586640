/** Writes a trace file row by row (gzip when the name ends in .gz), with back-pressure. */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { createGzip, type Gzip } from "node:zlib";
import { csvLine } from "../reports/csv.js";
import { TRACE_COLUMNS, traceRowLine, type TraceRow } from "./format.js";

export class TraceWriter {
  private readonly file: WriteStream;
  private readonly out: WriteStream | Gzip;
  private pending = "";

  constructor(path: string) {
    // Deep buffers let formatting go on while earlier chunks are compressed
    // and written, instead of waiting on each one.
    this.file = createWriteStream(path, { highWaterMark: 1 << 22 });
    if (path.endsWith(".gz")) {
      // Level 1: traces compress well even so, and writing stays fast.
      const gz = createGzip({ level: 1, chunkSize: 1 << 16 });
      gz.pipe(this.file);
      this.out = gz;
    } else {
      this.out = this.file;
    }
    this.pending = csvLine([...TRACE_COLUMNS]);
  }

  async write(row: TraceRow): Promise<void> {
    this.pending += traceRowLine(row);
    if (this.pending.length > 1 << 16) await this.flush();
  }

  async writeBatch(rows: readonly TraceRow[]): Promise<void> {
    for (const row of rows) {
      this.pending += traceRowLine(row);
      if (this.pending.length > 1 << 16) await this.flush();
    }
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await once(this.file, "close");
  }

  private async flush(): Promise<void> {
    const chunk = this.pending;
    this.pending = "";
    if (chunk && !this.out.write(chunk)) await once(this.out, "drain");
  }
}
