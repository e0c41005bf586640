/**
 * Streams a trace file in batches: rows are parsed by papaparse from a
 * (possibly gunzipped) file stream, which is paused whenever a batch is full,
 * so no more than a batch is held however long the file.
 */
import Papa from "papaparse";
import { openInput } from "./input.js";
import type { RowStream } from "./row-stream.js";
import {
  checkHeader,
  columnIndex,
  parseTraceRow,
  type ColumnIndex,
  type TraceRow,
} from "./format.js";

export class TraceError extends Error {
  override name = "TraceError";
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    // Line 0: about the file as a whole, not one of its lines.
    super(line > 0 ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
  }
}

/** The error for a file that cannot be opened at all. */
export function unopenable(file: string, e: unknown): TraceError {
  const reason =
    (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
  return new TraceError(file, 0, reason);
}

export interface TraceReaderOptions {
  /** Skip bad rows (and count them) instead of failing. */
  readonly lenient?: boolean;
  readonly batchRows?: number;
}

export class TraceReader implements RowStream {
  /** Bad rows skipped (lenient mode). */
  skipped = 0;
  private rows: TraceRow[] = [];
  private head = 0;
  private finished = false;
  private failure: Error | undefined;
  private parser: Papa.Parser | undefined;
  private fraction: () => number = () => 0;
  private wake: (() => void) | undefined;
  private line = 1;
  private lastArrival = 0;

  /** Arrival time of the last row read so far. */
  get lastArrivalS(): number {
    return this.lastArrival;
  }
  private header: string[] | undefined;
  private index: ColumnIndex | undefined;
  private readonly batch: number;

  constructor(
    readonly file: string,
    private readonly opts: TraceReaderOptions = {},
  ) {
    this.batch = opts.batchRows ?? 8192;
  }

  /** True once every row has been taken. */
  get exhausted(): boolean {
    return this.finished && this.head >= this.rows.length;
  }

  /** Share of the file read so far (of its compressed bytes, for gzip): for progress. */
  fractionRead(): number {
    return this.finished ? 1 : this.fraction();
  }

  /** Whether the file has a notice_lead_s column (known once a batch is read). */
  get hasNotices(): boolean {
    return (this.index?.notice_lead_s ?? -1) >= 0;
  }

  /** Rows read and not yet taken. */
  get buffered(): number {
    return this.rows.length - this.head;
  }

  /** The next buffered row, or undefined when the buffer is empty (refill, or the end). */
  take(): TraceRow | undefined {
    return this.head < this.rows.length ? this.rows[this.head++] : undefined;
  }

  /** Stops reading (the rest of the file is not needed). */
  close(): void {
    if (!this.finished) this.parser?.abort();
    this.finished = true;
  }

  /** Reads the next batch; false when the file is done. */
  async refill(): Promise<boolean> {
    if (this.finished) return false;
    if (this.head > 0) {
      this.rows = this.rows.slice(this.head);
      this.head = 0;
    }
    await new Promise<void>((resolve) => {
      this.wake = resolve;
      if (this.parser) this.parser.resume();
      else this.start();
    });
    if (this.failure) throw this.failure;
    return !this.finished || this.rows.length > 0;
  }

  private start(): void {
    let input: NodeJS.ReadableStream;
    try {
      const opened = openInput(this.file, (e) =>
        this.fail(new TraceError(this.file, this.line, e.message)),
      );
      input = opened.text;
      this.fraction = opened.fractionRead;
    } catch (e) {
      this.fail(unopenable(this.file, e));
      return;
    }
    // Chunks of rows as arrays: much faster than a record object per row.
    Papa.parse<string[]>(input as unknown as File, {
      header: false,
      skipEmptyLines: true,
      chunk: (result, parser) => this.chunk(result, parser),
      complete: () => {
        this.finished = true;
        this.wakeUp();
      },
      error: (e: Error) => this.fail(new TraceError(this.file, this.line, e.message)),
    });
  }

  private chunk(result: Papa.ParseResult<string[]>, parser: Papa.Parser): void {
    this.parser = parser;
    const errors =
      result.errors.length > 0 ? new Map(result.errors.map((e) => [e.row, e.message])) : undefined;
    const data = result.data;
    for (let i = 0; i < data.length; i++) {
      if (this.finished) return;
      const rec = data[i]!;
      this.line++;
      if (!this.header) {
        this.line = 1;
        this.header = rec;
        this.index = columnIndex(rec);
        const problem = checkHeader(rec);
        if (problem) return this.fail(new TraceError(this.file, 1, problem), parser);
        continue;
      }
      const row =
        errors?.get(i) ??
        (rec.length !== this.header.length
          ? `expected ${this.header.length} fields, found ${rec.length}`
          : parseTraceRow(rec, this.index!, this.lastArrival));
      if (typeof row === "string") {
        if (!this.opts.lenient) return this.fail(new TraceError(this.file, this.line, row), parser);
        this.skipped++;
        continue;
      }
      this.lastArrival = row.arrivalS;
      this.rows.push(row);
    }
    if (this.rows.length - this.head >= this.batch) {
      parser.pause();
      this.wakeUp();
    }
  }

  private fail(e: Error, parser?: Papa.Parser): void {
    this.failure ??= e;
    this.finished = true;
    parser?.abort();
    this.wakeUp();
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }
}
