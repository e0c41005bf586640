/**
 * A TraceBatch as it moves between threads: its numbers in one typed array
 * (moved, not copied again) and names as numbers into a dictionary
 * that grows as new names appear, so a function id crosses once, not once
 * a row. A trace with ever new names (an id per request) would grow the
 * dictionary without end, so past a bound it starts afresh at the next
 * batch, on both sides.
 */
import { TraceBatch } from "./trace-batch.js";

const MAX_NAMES = 1 << 16;

export interface RowColumns {
  readonly count: number;
  /** The eight number columns of TraceBatch, in NUMBER_COLUMNS order, one after another. */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** Per row: function, code, noticed function, parameters hash, requested profile, as dictionary numbers. */
  readonly names: Int32Array<ArrayBuffer>;
  /** Names first used in this batch, numbered on from `firstNewName`. */
  readonly newNames: readonly string[];
  readonly firstNewName: number;
}

/** Names a row carries. Hashes recur (a function's parameter sets), so they go by number too. */
const NAMES = 5;

const NUMBER_COLUMNS = [
  "arrivalS",
  "durationS",
  "cpuS",
  "memoryMiB",
  "ioReadMiB",
  "ioWriteMiB",
  "noticeLeadS",
  "inputBytes",
] as const;

/** The sending side's dictionary of names. */
export class NameNumbers {
  private readonly numbers = new Map<string, number>();
  private sent = 0;
  private fresh: string[] = [];

  constructor(private readonly maxNames = MAX_NAMES) {}

  /** Called before a batch: past the bound, names are numbered afresh from 0. */
  startBatch(): void {
    if (this.numbers.size < this.maxNames) return;
    this.numbers.clear();
    this.sent = 0;
  }

  numberOf(name: string): number {
    let n = this.numbers.get(name);
    if (n === undefined) {
      n = this.numbers.size;
      this.numbers.set(name, n);
      this.fresh.push(name);
    }
    return n;
  }

  /** Names added since the last call, and the number of the first. */
  takeNew(): { names: string[]; first: number } {
    const out = { names: this.fresh, first: this.sent };
    this.sent += this.fresh.length;
    this.fresh = [];
    return out;
  }
}

/** A batch as columns to send; the batch itself is left as it was. */
export function toColumns(batch: TraceBatch, dictionary: NameNumbers): RowColumns {
  const count = batch.length;
  dictionary.startBatch();
  const numbers = new Float64Array(count * NUMBER_COLUMNS.length);
  NUMBER_COLUMNS.forEach((c, k) => numbers.set(batch[c].subarray(0, count), k * count));
  const names = new Int32Array(count * NAMES);
  for (let i = 0; i < count; i++) {
    names[i * NAMES] = dictionary.numberOf(batch.functionId[i]!);
    names[i * NAMES + 1] = dictionary.numberOf(batch.codeId[i]!);
    names[i * NAMES + 2] = dictionary.numberOf(batch.noticeFunctionId[i]!);
    names[i * NAMES + 3] = dictionary.numberOf(batch.paramsHash[i]!);
    names[i * NAMES + 4] = dictionary.numberOf(batch.requestedProfile[i]!);
  }
  const fresh = dictionary.takeNew();
  return {
    count,
    numbers,
    names,
    newNames: fresh.names,
    firstNewName: fresh.first,
  };
}

/** The batch again, on the receiving side, whose dictionary `known` grows with each batch. */
export function fromColumns(c: RowColumns, known: string[]): TraceBatch {
  known.length = c.firstNewName;
  for (const name of c.newNames) known.push(name);
  const n = c.count;
  const batch = new TraceBatch(1);
  NUMBER_COLUMNS.forEach((col, k) => (batch[col] = c.numbers.subarray(k * n, (k + 1) * n)));
  batch.length = n;
  for (let i = 0; i < n; i++) {
    batch.functionId.push(known[c.names[i * NAMES]!]!);
    batch.codeId.push(known[c.names[i * NAMES + 1]!]!);
    batch.paramsHash.push(known[c.names[i * NAMES + 3]!]!);
    batch.noticeFunctionId.push(known[c.names[i * NAMES + 2]!]!);
    batch.requestedProfile.push(known[c.names[i * NAMES + 4]!]!);
  }
  return batch;
}
