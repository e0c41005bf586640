/**
 * Trace rows pulled in batches, whatever their origin: a trace file
 * (TraceReader) or an importer running as the simulation reads (batchRows),
 * made into rows one at a time as the simulation takes them.
 */
import type { TraceRow } from "./format.js";
import type { TraceBatch } from "./trace-batch.js";

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
export function batchRows(batches: AsyncIterator<TraceBatch>): RowStream {
  // Batches read and not yet taken whole; `head` indexes the first.
  const queue: TraceBatch[] = [];
  let head = 0;
  let finished = false;
  let last = 0;
  const empty = () => queue.length === 0;
  return {
    async refill() {
      if (finished) return false;
      const next = await batches.next();
      if (next.done) {
        finished = true;
        return !empty();
      }
      if (next.value.length > 0) {
        queue.push(next.value);
        last = next.value.arrivalS[next.value.length - 1]!;
      }
      return true;
    },
    take() {
      const b = queue[0];
      if (!b) return undefined;
      const row = b.row(head++);
      if (head === b.length) {
        queue.shift();
        head = 0;
      }
      return row;
    },
    get exhausted() {
      return finished && empty();
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
