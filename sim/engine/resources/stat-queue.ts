import { Population } from "../stats/population.js";

/**
 * A FIFO/LIFO queue that records who waited and for how long (a Population:
 * sizeSeries is the queue length over time, durationSeries the waits).
 */
export class StatQueue<T> {
  readonly stats = new Population();
  private items: T[] = [];
  private enqueuedAt: number[] = [];

  size(): number {
    return this.items.length;
  }

  empty(): boolean {
    return this.items.length === 0;
  }

  top(): T | undefined {
    return this.items[0];
  }

  push(item: T, now: number): void {
    this.items.push(item);
    this.enqueuedAt.push(now);
    this.stats.enter(now);
  }

  /** Removes and returns the oldest item. */
  shift(now: number): T {
    const item = this.items.shift();
    if (item === undefined) throw new Error("shift from an empty queue");
    this.stats.leave(this.enqueuedAt.shift()!, now);
    return item;
  }

  /** Removes and returns the newest item. */
  pop(now: number): T {
    const item = this.items.pop();
    if (item === undefined) throw new Error("pop from an empty queue");
    this.stats.leave(this.enqueuedAt.pop()!, now);
    return item;
  }

  /** Removes `item` wherever it is; false when absent. */
  remove(item: T, now: number): boolean {
    const i = this.items.indexOf(item);
    if (i < 0) return false;
    this.items.splice(i, 1);
    this.stats.leave(this.enqueuedAt.splice(i, 1)[0]!, now);
    return true;
  }

  /** Records an item that passed straight through, waiting zero time. */
  passby(now: number): void {
    this.stats.enter(now);
    this.stats.leave(now, now);
  }

  finalize(now: number): void {
    this.stats.finalize(now);
  }

  reset(): void {
    this.stats.reset();
  }
}
