import type { Queued } from "./pool.js";

/**
 * A first-in first-out line of waiting requests. Entries taken out
 * elsewhere (timed out, held) stay in the array, flagged, until reached;
 * the consumed front is dropped once it is most of the array.
 */
export class FifoLine {
  private items: Queued[] = [];
  private head = 0;

  push(q: Queued): void {
    this.items.push(q);
  }

  /** The oldest entry still waiting, left in the line; undefined if none. */
  peekWaiting(): Queued | undefined {
    while (this.head < this.items.length) {
      const q = this.items[this.head]!;
      if (q.waiting) return q;
      this.head++;
    }
    return undefined;
  }

  /** The oldest of the first `depth` waiting entries that `fits` accepts, left in the line. */
  firstFitting(fits: (q: Queued) => boolean, depth: number): Queued | undefined {
    for (let i = this.head, seen = 0; i < this.items.length && seen < depth; i++) {
      const q = this.items[i]!;
      if (!q.waiting) continue;
      if (fits(q)) return q;
      seen++;
    }
    return undefined;
  }

  /** The oldest entry still waiting, or undefined; it is not marked taken. */
  takeWaiting(): Queued | undefined {
    while (this.head < this.items.length) {
      const q = this.items[this.head++]!;
      if (this.head > 1024 && this.head * 2 > this.items.length) {
        this.items = this.items.slice(this.head);
        this.head = 0;
      }
      if (q.waiting) return q;
    }
    return undefined;
  }
}
