/**
 * Invocations held back until they can be written in start order. An
 * import holds tens of thousands of rows for its reorder window, and a heap
 * of single rows that size spends its time waiting on memory. Rows come
 * in batches instead, nearly in start order already (they are in end
 * order); each batch is sorted once (a stable sort, quick on nearly sorted
 * input) into a run, and rows leave by a merge of the runs: a heap of a
 * few runs, whose heads are read in sequence. Ties in start go in the
 * order rows came.
 */
import type { TraceBatch } from "../trace-batch.js";
import { DurationBands } from "./duration-band.js";

interface Run {
  readonly starts: Float64Array;
  readonly durations: Float64Array;
  readonly ids: readonly string[];
  /** Row numbers in start order. */
  readonly order: readonly number[];
  /** Runs are numbered as added: the earlier run wins a tie. */
  readonly number: number;
  next: number;
}

export class StartOrder {
  private runs: Run[] = [];
  private added = 0;
  private held = 0;
  /** Each row's stand-in parameters hash. */
  private readonly bands = new DurationBands();

  get size(): number {
    return this.held;
  }

  /** Start of the earliest held invocation (when one is held). */
  get earliest(): number {
    const top = this.runs[0]!;
    return top.starts[top.order[top.next]!]!;
  }

  /** Adds the first `count` rows given, in any order; the arrays become the order's. */
  add(starts: Float64Array, durations: Float64Array, ids: readonly string[], count: number): void {
    if (count === 0) return;
    const order = new Array<number>(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => starts[a]! - starts[b]!);
    this.held += count;
    this.runs.push({ starts, durations, ids, order, number: this.added++, next: 0 });
    this.siftUp(this.runs.length - 1);
  }

  /** Moves the earliest held invocation into `batch`; returns its start. */
  popInto(batch: TraceBatch): number {
    const run = this.runs[0]!;
    const k = run.order[run.next++]!;
    const start = run.starts[k]!;
    const id = run.ids[k]!;
    const durationS = run.durations[k]!;
    batch.pushMeasured(start, id, durationS, NaN, this.bands.hashOf(id, durationS));
    this.held--;
    if (run.next === run.order.length) {
      const last = this.runs.pop()!;
      if (this.runs.length > 0 && last !== run) {
        this.runs[0] = last;
        this.siftDown(0);
      }
    } else {
      this.siftDown(0);
    }
    return start;
  }

  /** Run a's head goes before run b's. */
  private before(a: Run, b: Run): boolean {
    const sa = a.starts[a.order[a.next]!]!;
    const sb = b.starts[b.order[b.next]!]!;
    return sa < sb || (sa === sb && a.number < b.number);
  }

  private siftUp(i: number): void {
    const runs = this.runs;
    const run = runs[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(run, runs[parent]!)) break;
      runs[i] = runs[parent]!;
      i = parent;
    }
    runs[i] = run;
  }

  private siftDown(i: number): void {
    const runs = this.runs;
    const run = runs[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= runs.length) break;
      if (child + 1 < runs.length && this.before(runs[child + 1]!, runs[child]!)) child++;
      if (!this.before(runs[child]!, run)) break;
      runs[i] = runs[child]!;
      i = child;
    }
    runs[i] = run;
  }
}
