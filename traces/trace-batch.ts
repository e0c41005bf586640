/**
 * Trace rows as columns: a typed array per number, an array per text. The
 * importers make batches of millions of rows a second, and a row object
 * costs nine allocations (V8 boxes each of its eight numbers); columns
 * cost none a row. Batches go from importer to writer, and to the
 * simulator, as they are; a TraceRow is made only where one is asked for.
 */
import type { TraceRow } from "./format.js";

export class TraceBatch {
  length = 0;
  arrivalS: Float64Array;
  durationS: Float64Array;
  cpuS: Float64Array;
  memoryMiB: Float64Array;
  ioReadMiB: Float64Array;
  ioWriteMiB: Float64Array;
  noticeLeadS: Float64Array;
  inputBytes: Float64Array;
  readonly functionId: string[] = [];
  readonly codeId: string[] = [];
  readonly paramsHash: string[] = [];
  readonly noticeFunctionId: string[] = [];
  readonly requestedProfile: string[] = [];

  constructor(capacity = 8192) {
    const n = Math.max(1, capacity);
    this.arrivalS = new Float64Array(n);
    this.durationS = new Float64Array(n);
    this.cpuS = new Float64Array(n);
    this.memoryMiB = new Float64Array(n);
    this.ioReadMiB = new Float64Array(n);
    this.ioWriteMiB = new Float64Array(n);
    this.noticeLeadS = new Float64Array(n);
    this.inputBytes = new Float64Array(n);
  }

  static of(rows: readonly TraceRow[]): TraceBatch {
    const b = new TraceBatch(rows.length);
    for (const r of rows) b.push(r);
    return b;
  }

  push(r: TraceRow): void {
    const i = this.slot();
    this.arrivalS[i] = r.arrivalS;
    this.durationS[i] = r.durationS;
    this.cpuS[i] = r.cpuS;
    this.memoryMiB[i] = r.memoryMiB;
    this.ioReadMiB[i] = r.ioReadMiB;
    this.ioWriteMiB[i] = r.ioWriteMiB;
    this.noticeLeadS[i] = r.noticeLeadS;
    this.inputBytes[i] = r.inputBytes;
    this.functionId[i] = r.functionId;
    this.codeId[i] = r.codeId;
    this.paramsHash[i] = r.paramsHash;
    this.noticeFunctionId[i] = r.noticeFunctionId;
    this.requestedProfile[i] = r.requestedProfile;
  }

  /** A row of a public trace: an arrival, its function, what was measured of its run. */
  pushMeasured(
    arrivalS: number,
    functionId: string,
    durationS: number,
    memoryMiB: number,
    paramsHash = "",
  ): void {
    const i = this.slot();
    this.arrivalS[i] = arrivalS;
    this.durationS[i] = durationS;
    this.cpuS[i] = NaN;
    this.memoryMiB[i] = memoryMiB;
    this.ioReadMiB[i] = NaN;
    this.ioWriteMiB[i] = NaN;
    this.noticeLeadS[i] = NaN;
    this.inputBytes[i] = NaN;
    this.functionId[i] = functionId;
    this.codeId[i] = "";
    this.paramsHash[i] = paramsHash;
    this.noticeFunctionId[i] = "";
    this.requestedProfile[i] = "";
  }

  row(i: number): TraceRow {
    return {
      arrivalS: this.arrivalS[i]!,
      functionId: this.functionId[i]!,
      codeId: this.codeId[i]!,
      paramsHash: this.paramsHash[i]!,
      inputBytes: this.inputBytes[i]!,
      durationS: this.durationS[i]!,
      cpuS: this.cpuS[i]!,
      memoryMiB: this.memoryMiB[i]!,
      ioReadMiB: this.ioReadMiB[i]!,
      ioWriteMiB: this.ioWriteMiB[i]!,
      noticeLeadS: this.noticeLeadS[i]!,
      noticeFunctionId: this.noticeFunctionId[i]!,
      requestedProfile: this.requestedProfile[i]!,
    };
  }

  rows(): TraceRow[] {
    return Array.from({ length: this.length }, (_, i) => this.row(i));
  }

  /** The index of a new row, the number columns grown when full. */
  private slot(): number {
    const i = this.length++;
    if (i === this.arrivalS.length) {
      const grow = (a: Float64Array) => {
        const bigger = new Float64Array(a.length * 2);
        bigger.set(a);
        return bigger;
      };
      this.arrivalS = grow(this.arrivalS);
      this.durationS = grow(this.durationS);
      this.cpuS = grow(this.cpuS);
      this.memoryMiB = grow(this.memoryMiB);
      this.ioReadMiB = grow(this.ioReadMiB);
      this.ioWriteMiB = grow(this.ioWriteMiB);
      this.noticeLeadS = grow(this.noticeLeadS);
      this.inputBytes = grow(this.inputBytes);
    }
    return i;
  }
}
