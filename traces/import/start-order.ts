/**
 * Invocations held back until they can be written in start order: a binary
 * heap over typed arrays, ordered by start and then by arrival in the input.
 * An import may hold tens of thousands of rows for its reorder window; as
 * objects they would each be copied by the collector and chased through
 * memory at every comparison, and cost more than everything else it does.
 */
import type { TraceRow } from "../format.js";

export class StartOrder {
  private start = new Float64Array(1024);
  private order = new Float64Array(1024);
  private duration = new Float64Array(1024);
  private ids: string[] = [];
  private n = 0;
  private pushed = 0;

  get size(): number {
    return this.n;
  }

  /** Start of the earliest held invocation (when one is held). */
  get earliest(): number {
    return this.start[0]!;
  }

  push(startS: number, durationS: number, functionId: string): void {
    if (this.n === this.start.length) this.grow();
    this.siftUp(this.n++, startS, this.pushed++, durationS, functionId);
  }

  /** Takes the earliest held invocation as a trace row. */
  pop(): TraceRow {
    const row: TraceRow = {
      arrivalS: this.start[0]!,
      functionId: this.ids[0]!,
      codeId: "",
      paramsHash: "",
      durationS: this.duration[0]!,
      cpuS: NaN,
      memoryMiB: NaN,
      ioReadMiB: NaN,
      ioWriteMiB: NaN,
      noticeLeadS: NaN,
    };
    const last = --this.n;
    // Floyd's pop: the hole sinks to a leaf along the earlier children, one
    // comparison a level, and the last entry (late, as new arrivals are)
    // rises from there, rarely far.
    let hole = 0;
    for (;;) {
      let child = 2 * hole + 1;
      if (child >= last) break;
      if (child + 1 < last && this.precedes(child + 1, child)) child++;
      this.move(child, hole);
      hole = child;
    }
    this.siftUp(hole, this.start[last]!, this.order[last]!, this.duration[last]!, this.ids[last]!);
    return row;
  }

  private siftUp(from: number, startS: number, order: number, durationS: number, id: string): void {
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(startS, order, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.set(i, startS, order, durationS, id);
  }

  private before(startS: number, order: number, slot: number): boolean {
    const s = this.start[slot]!;
    return startS < s || (startS === s && order < this.order[slot]!);
  }

  private precedes(a: number, b: number): boolean {
    return this.before(this.start[a]!, this.order[a]!, b);
  }

  private move(from: number, to: number): void {
    this.start[to] = this.start[from]!;
    this.order[to] = this.order[from]!;
    this.duration[to] = this.duration[from]!;
    this.ids[to] = this.ids[from]!;
  }

  private set(slot: number, startS: number, order: number, durationS: number, id: string): void {
    this.start[slot] = startS;
    this.order[slot] = order;
    this.duration[slot] = durationS;
    this.ids[slot] = id;
  }

  private grow(): void {
    const size = this.start.length * 2;
    const wider = (a: Float64Array) => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    this.start = wider(this.start);
    this.order = wider(this.order);
    this.duration = wider(this.duration);
  }
}
