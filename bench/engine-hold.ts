/**
 * The hold model: N pending events; each, when delivered, schedules itself
 * again after an exponential delay. The standard benchmark of event-list
 * performance, here on four contestants.
 */
import { Scheduler } from "../sim/engine/scheduler.js";
import * as Ours from "../sim/engine/simjs/index.js";
import { RING_MASK, type SimJsApi } from "./support.js";

export type HoldRunner = (n: number, events: number, ring: Float64Array) => () => void;

/** A bare typed-array binary heap of times, no callbacks: the limit to approach. */
export const bareHeap: HoldRunner = (n, events, ring) => () => {
  const heap = new Float64Array(n + 1);
  let size = 0;
  let k = 0;
  const push = (t: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p]! <= t) break;
      heap[i] = heap[p]!;
      i = p;
    }
    heap[i] = t;
  };
  const pop = () => {
    const top = heap[0]!;
    const last = heap[--size]!;
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < size && heap[c + 1]! < heap[c]!) c++;
      if (last <= heap[c]!) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = last;
    return top;
  };
  for (let i = 0; i < n; i++) push(ring[k++ & RING_MASK]!);
  for (let e = 0; e < events; e++) push(pop() + ring[k++ & RING_MASK]!);
};

export const coreApi: HoldRunner = (n, events, ring) => () => {
  const s = new Scheduler();
  let k = 0;
  const hold = () => {
    s.after(ring[k++ & RING_MASK]!, hold, undefined);
  };
  for (let i = 0; i < n; i++) s.after(ring[k++ & RING_MASK]!, hold, undefined);
  s.run(Infinity, events);
};

export function simjsApi(S: SimJsApi): HoldRunner {
  return (n, events, ring) => () => {
    const sim = new S.Sim();
    let k = 0;
    class Holder extends S.Entity {
      start() {
        this.setTimer(ring[k++ & RING_MASK]!).done(this.start);
      }
    }
    for (let i = 0; i < n; i++) sim.addEntity(Holder, "h");
    sim.simulate(Infinity, events);
  };
}

export const oursSimjsApi = simjsApi(Ours);
