import type { Queued } from "./pool.js";

interface Line {
  readonly priority: number;
  items: Queued[];
  head: number;
}

/**
 * The waiting lines of priorities other than 0, one FIFO per priority,
 * highest first. Entries taken out elsewhere (timed out, held) stay flagged
 * until reached, as in the pool's own line.
 */
export class PriorityLines {
  private readonly lines: Line[] = [];

  push(q: Queued, priority: number): void {
    let i = 0;
    while (i < this.lines.length && this.lines[i]!.priority > priority) i++;
    let line = this.lines[i];
    if (line?.priority !== priority) {
      line = { priority, items: [], head: 0 };
      this.lines.splice(i, 0, line);
    }
    line.items.push(q);
  }

  /** The oldest waiting entry of the highest priority above 0 (`above`) or below it. */
  take(above: boolean): Queued | undefined {
    for (const line of this.lines) {
      if (line.priority > 0 !== above) continue;
      while (line.head < line.items.length) {
        const q = line.items[line.head++]!;
        if (line.head > 1024 && line.head * 2 > line.items.length) {
          line.items = line.items.slice(line.head);
          line.head = 0;
        }
        if (q.waiting) return q;
      }
    }
    return undefined;
  }
}
