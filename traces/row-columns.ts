/**
 * Trace rows as columns, to move a batch between threads: numbers in one
 * typed array (moved, not copied) and names as numbers into a dictionary
 * that grows as new names appear, so a function id crosses once, not once
 * a row. A trace with ever new names (an id per request) would grow the
 * dictionary without end, so past a bound it starts afresh at the next
 * batch, on both sides.
 */
import type { TraceRow } from "./format.js";

const NUMBERS = 7;
const MAX_NAMES = 1 << 16;

export interface RowColumns {
  readonly count: number;
  /** Per row: arrival, duration, cpu, memory, io read, io write, notice lead. */
  readonly numbers: Float64Array<ArrayBuffer>;
  /** Per row: function, code, noticed function, as dictionary numbers. */
  readonly names: Int32Array<ArrayBuffer>;
  /** Names first used in this batch, numbered on from `firstNewName`. */
  readonly newNames: readonly string[];
  readonly firstNewName: number;
  /** Input hashes, when any row has one: they rarely recur. */
  readonly paramsHashes: readonly string[] | null;
}

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

export function toColumns(rows: readonly TraceRow[], dictionary: NameNumbers): RowColumns {
  const count = rows.length;
  dictionary.startBatch();
  const numbers = new Float64Array(count * NUMBERS);
  const names = new Int32Array(count * 3);
  let hashes: string[] | null = null;
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    const k = i * NUMBERS;
    numbers[k] = r.arrivalS;
    numbers[k + 1] = r.durationS;
    numbers[k + 2] = r.cpuS;
    numbers[k + 3] = r.memoryMiB;
    numbers[k + 4] = r.ioReadMiB;
    numbers[k + 5] = r.ioWriteMiB;
    numbers[k + 6] = r.noticeLeadS;
    names[i * 3] = dictionary.numberOf(r.functionId);
    names[i * 3 + 1] = dictionary.numberOf(r.codeId);
    names[i * 3 + 2] = dictionary.numberOf(r.noticeFunctionId);
    if (r.paramsHash !== "") {
      hashes ??= new Array<string>(count).fill("");
      hashes[i] = r.paramsHash;
    }
  }
  const fresh = dictionary.takeNew();
  return {
    count,
    numbers,
    names,
    newNames: fresh.names,
    firstNewName: fresh.first,
    paramsHashes: hashes,
  };
}

/** The rows again, on the receiving side, whose dictionary `known` grows with each batch. */
export function fromColumns(c: RowColumns, known: string[]): TraceRow[] {
  known.length = c.firstNewName;
  for (const name of c.newNames) known.push(name);
  const rows = new Array<TraceRow>(c.count);
  for (let i = 0; i < c.count; i++) {
    const k = i * NUMBERS;
    rows[i] = {
      arrivalS: c.numbers[k]!,
      functionId: known[c.names[i * 3]!]!,
      codeId: known[c.names[i * 3 + 1]!]!,
      paramsHash: c.paramsHashes?.[i] ?? "",
      durationS: c.numbers[k + 1]!,
      cpuS: c.numbers[k + 2]!,
      memoryMiB: c.numbers[k + 3]!,
      ioReadMiB: c.numbers[k + 4]!,
      ioWriteMiB: c.numbers[k + 5]!,
      noticeLeadS: c.numbers[k + 6]!,
      noticeFunctionId: known[c.names[i * 3 + 2]!]!,
    };
  }
  return rows;
}
