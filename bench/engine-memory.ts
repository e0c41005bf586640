/** Heap bytes held by one million pending events. */
import { Scheduler } from "../sim/engine/scheduler.js";
import { gc, type SimJsApi } from "./support.js";

export const PENDING = 1_000_000;

function heapDelta(build: () => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = build();
  gc();
  const after = process.memoryUsage().heapUsed;
  // Keep `kept` alive until after the measurement.
  if (kept === null) throw new Error("unreachable");
  return after - before;
}

export function coreMemory(): number {
  return heapDelta(() => {
    const s = new Scheduler();
    const noop = () => {};
    for (let i = 0; i < PENDING; i++) s.at(i * 0.001, noop, undefined);
    return s;
  });
}

/**
 * `retain` keeps every Request in an array, as a model that may cancel its
 * timers later does; the array's own 8 MiB is included.
 */
export function simjsMemory(S: SimJsApi, retain: boolean): number {
  return heapDelta(() => {
    const sim = new S.Sim();
    const kept: unknown[] = [];
    class Sleeper extends S.Entity {
      start() {
        for (let i = 0; i < PENDING; i++) {
          const ro = this.setTimer(i * 0.001).done(this.start);
          if (retain) kept.push(ro);
        }
      }
    }
    sim.addEntity(Sleeper, "sleeper");
    return [sim, kept];
  });
}
