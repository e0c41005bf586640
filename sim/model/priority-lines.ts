import { FifoLine } from "./fifo-line.js";
import type { Queued } from "./pool.js";

interface Line {
  readonly priority: number;
  readonly fifo: FifoLine;
}

/**
 * The waiting lines of priorities other than 0, one FIFO per priority,
 * highest first.
 */
export class PriorityLines {
  private readonly lines: Line[] = [];

  push(q: Queued, priority: number): void {
    let i = 0;
    while (i < this.lines.length && this.lines[i]!.priority > priority) i++;
    let line = this.lines[i];
    if (line?.priority !== priority) {
      line = { priority, fifo: new FifoLine() };
      this.lines.splice(i, 0, line);
    }
    line.fifo.push(q);
  }

  /** The entry `take` would give, left in its line. */
  peek(above: boolean): Queued | undefined {
    for (const line of this.lines) {
      if (line.priority > 0 !== above) continue;
      const q = line.fifo.peekWaiting();
      if (q) return q;
    }
    return undefined;
  }

  /** The oldest waiting entry of the highest priority above 0 (`above`) or below it. */
  take(above: boolean): Queued | undefined {
    for (const line of this.lines) {
      if (line.priority > 0 !== above) continue;
      const q = line.fifo.takeWaiting();
      if (q) return q;
    }
    return undefined;
  }
}
