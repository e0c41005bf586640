import { createRequire } from "node:module";
import type * as SimJs from "../sim/engine/simjs/index.js";

export type SimJsApi = typeof SimJs;

/** The `simjs` npm package, loaded the way its browser bundle needs. */
export function loadSimJs(): SimJsApi {
  const g = globalThis as { window?: unknown };
  g.window ??= globalThis;
  createRequire(import.meta.url)("simjs");
  return (g.window as { Sim: SimJsApi }).Sim;
}

/**
 * A ring of precomputed Exp(1) delays: every contestant reads the same
 * numbers at the same cost, so the benchmark measures the engines, not RNGs.
 */
export const RING_BITS = 20;
export const RING_MASK = (1 << RING_BITS) - 1;
export function delayRing(): Float64Array {
  const ring = new Float64Array(1 << RING_BITS);
  let x = 0x2545f491;
  for (let i = 0; i < ring.length; i++) {
    // xorshift32 for filling only; quality is irrelevant to the timing.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    ring[i] = -Math.log(((x >>> 0) + 1) / 4294967297);
  }
  return ring;
}

/**
 * Median of `rounds` timings of `fn`, in seconds. With --expose-gc, each
 * round starts from a collected heap, so one contestant's garbage is not
 * collected on another's time.
 */
export function timeMedian(rounds: number, fn: () => void): number {
  const times: number[] = [];
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < rounds; i++) {
    collect?.();
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e9);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function gc(): void {
  const g = globalThis as { gc?: () => void };
  if (!g.gc) throw new Error("run with node --expose-gc");
  g.gc();
  g.gc();
}
