/**
 * requests.csv, a row per request, streamed to a file as requests end: the
 * bytes csvLine would give for the cells at their legend precision
 * (csv-precision.ts), built through CsvBytes and written in chunks, since a
 * run may end millions of requests.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { RequestRecord } from "../sim/model/summary.js";
import { CsvBytes } from "../sim/csv/csv-bytes.js";
import { atPrecision } from "./csv-precision.js";
import { REQUESTS_CSV } from "./legend.js";

/** The columns, in the legend's order (its catalogue defines each). */
export const REQUEST_COLUMNS = Object.keys(REQUESTS_CSV) as (keyof typeof REQUESTS_CSV)[];

const CHUNK_BYTES = 1 << 16;

const secs = (x: number) => atPrecision(x, "seconds");

/** A request's row: what csvLine gives for its cells, times to the microsecond. */
export function writeRequestLine(out: CsvBytes, r: RequestRecord): void {
  out.repeatedText(r.policy);
  out.comma();
  out.number(r.id);
  out.comma();
  out.number(r.functionId);
  out.comma();
  out.number(secs(r.arrivalS));
  out.comma();
  out.number(secs(r.startS));
  out.comma();
  out.number(secs(r.endS));
  out.comma();
  out.number(secs(r.endS - r.arrivalS));
  out.comma();
  out.text(r.outcome);
  out.comma();
  out.repeatedText(r.instanceType);
  out.comma();
  if (r.instanceId >= 0) out.number(r.instanceId);
  out.comma();
  out.text(r.cold ? "true" : "false");
  out.newline();
}

/** requests.csv at `path`: add() each request as it ends, close() once the run is done. */
export class RequestsCsv {
  private readonly fd: number;
  private readonly pending = new CsvBytes(CHUNK_BYTES + 1024);
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, "w");
    this.pending.header(REQUEST_COLUMNS);
  }

  add(r: RequestRecord): void {
    writeRequestLine(this.pending, r);
    if (this.pending.length >= CHUNK_BYTES) this.flush();
  }

  /** Writes what is left and closes the file; closing twice does nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }

  private flush(): void {
    const bytes = this.pending.take();
    for (let done = 0; done < bytes.length;)
      done += writeSync(this.fd, bytes, done, bytes.length - done);
  }
}
