/**
 * Writes a trace file batch by batch, with back-pressure; gzip when asked,
 * by default when the name ends in .gz (a partial file's name does not).
 */
import { CsvBytes } from "../sim/csv/csv-bytes.js";
import { FileSink, type ChunkSink } from "./file-sink.js";
import { TRACE_COLUMNS, writeTraceLine, type TraceRow } from "./format.js";
import { GzipSink } from "./gzip-sink.js";
import { TraceError } from "./reader.js";
import { TraceBatch } from "./trace-batch.js";

const CHUNK_BYTES = 1 << 18;

export class TraceWriter {
  private readonly sink: ChunkSink;
  private readonly pending = new CsvBytes(CHUNK_BYTES + 4096);

  constructor(
    private readonly path: string,
    gzip = path.endsWith(".gz"),
  ) {
    this.sink = gzip ? new GzipSink(path) : new FileSink(path);
    this.pending.header(TRACE_COLUMNS);
  }

  async write(row: TraceRow): Promise<void> {
    await this.writeBatch(TraceBatch.of([row]));
  }

  async writeBatch(batch: TraceBatch): Promise<void> {
    for (let i = 0; i < batch.length; i++) {
      writeTraceLine(this.pending, batch, i);
      if (this.pending.length >= CHUNK_BYTES) await this.flush();
    }
  }

  /** Writes what is left and closes the file; a failure to write throws a TraceError. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      // Closed even when the last chunk failed, so no file is left open.
      await this.sink.close().catch((e: Error) => this.fail(e));
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    await this.sink.write(this.pending.take()).catch((e: Error) => this.fail(e));
  }

  private fail(e: Error): never {
    throw new TraceError(this.path, 0, `cannot write: ${e.message}`);
  }
}
