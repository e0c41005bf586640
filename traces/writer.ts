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
    this.file = createWriteStream(path);
    if (path.endsWith(".gz")) {
      const gz = createGzip();
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
