/**
 * Trace rows pulled in batches, whatever their origin: a trace file
 * (TraceReader) or an importer running as the simulation reads (batchRows).
 */
import type { TraceRow } from "./format.js";

export interface RowStream {
  /** Reads the next batch; false when there is nothing more. */
  refill(): Promise<boolean>;
  /** The next buffered row, or undefined when the buffer is empty. */
  take(): TraceRow | undefined;
  /** True once every row has been taken. */
  readonly exhausted: boolean;
  /** Arrival time of the last row read so far. */
  readonly lastArrivalS: number;
  /** Bad rows skipped (lenient reading). */
  readonly skipped: number;
  /** Whether rows may carry pre-trigger notices (known once a batch is read). */
  readonly hasNotices: boolean;
  /** Stops reading. */
  close(): void;
}

/** A RowStream over batches an importer yields. */
export function batchRows(batches: AsyncIterator<TraceRow[]>): RowStream {
  let rows: TraceRow[] = [];
  let head = 0;
  let finished = false;
  let last = 0;
  return {
    async refill() {
      if (finished) return false;
      const next = await batches.next();
      if (next.done) {
        finished = true;
        return head < rows.length;
      }
      rows = rows.slice(head).concat(next.value);
      head = 0;
      if (next.value.length > 0) last = next.value[next.value.length - 1]!.arrivalS;
      return true;
    },
    take() {
      return head < rows.length ? rows[head++] : undefined;
    },
    get exhausted() {
      return finished && head >= rows.length;
    },
    get lastArrivalS() {
      return last;
    },
    skipped: 0,
    // The public traces this streams (Azure imports) have no notices.
    hasNotices: false,
    close() {
      finished = true;
      void batches.return?.();
    },
  };
}
