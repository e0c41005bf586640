import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  addSample,
  bucketOf,
  bucketStart,
  EMPTY_HISTOGRAM,
  percentile,
  type HistogramShape,
} from "../../sim/policies/pieces/vpa/decaying-histogram.js";
import {
  EMPTY_HISTORY,
  recommend,
  recordCpu,
  recordMemory,
  recordOutOfMemory,
  VPA_DEFAULTS,
  type VpaHistory,
} from "../../sim/policies/pieces/vpa/recommender.js";

const shape: HistogramShape = { first: 0.01, ratio: 1.05, halfLifeS: 86400 };

describe("decaying histogram", () => {
  test("a value falls in the bucket that covers it", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-4, max: 1e4, noNaN: true }), (v) => {
        const i = bucketOf(shape, v);
        expect(bucketStart(shape, i)).toBeLessThanOrEqual(v * (1 + 1e-12));
        expect(bucketStart(shape, i + 1)).toBeGreaterThan(v * (1 - 1e-12));
      }),
    );
  });

  test("percentiles of many samples are within a bucket (5%) of the exact ones", () => {
    let h = EMPTY_HISTOGRAM;
    for (let i = 1; i <= 1000; i++) h = addSample(shape, h, i / 100, 1, 0);
    for (const p of [0.5, 0.9, 0.95]) {
      const exact = (p * 1000) / 100;
      const got = percentile(shape, h, p);
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(exact * 1.06);
    }
  });

  test("a sample one half-life newer weighs twice as much", () => {
    let h = addSample(shape, EMPTY_HISTOGRAM, 1, 1, 0);
    h = addSample(shape, h, 4, 1, 86400);
    expect(h.total).toBeCloseTo(3, 12);
    // Of weight 3, the small value holds 1: 40% of the weight is past it.
    expect(percentile(shape, h, 0.4)).toBeGreaterThan(4);
    const flat = addSample(shape, addSample(shape, EMPTY_HISTOGRAM, 1, 1, 0), 4, 1, 0);
    expect(percentile(shape, flat, 0.4)).toBeLessThan(1.1);
  });

  test("weights are re-based long before they overflow, percentiles unchanged", () => {
    let h = EMPTY_HISTOGRAM;
    for (let day = 0; day < 2000; day++) h = addSample(shape, h, day % 2 ? 1 : 3, 1, day * 86400);
    expect(Number.isFinite(h.total)).toBe(true);
    expect(percentile(shape, h, 0.3)).toBeGreaterThan(0);
  });
});

describe("VPA recommender", () => {
  const s = VPA_DEFAULTS;

  test("with no history, the floors: 25 millicores and 250 MiB", () => {
    const r = recommend(s, EMPTY_HISTORY, 0);
    expect(r.cpu.target).toBe(0.025);
    expect(r.memMiB.target).toBe(250);
  });

  test("target is p90 plus the 15% margin", () => {
    let h = EMPTY_HISTORY;
    for (let i = 1; i <= 100; i++) h = recordCpu(s, h, i / 50, 1, i);
    const r = recommend(s, h, 200);
    const p90 = percentile({ ...shape, halfLifeS: s.halfLifeS }, h.cpu, 0.9);
    expect(r.cpu.target).toBeCloseTo(p90 * 1.15, 12);
    expect(p90).toBeGreaterThanOrEqual(1.8);
    expect(p90).toBeLessThanOrEqual(1.8 * 1.06);
  });

  test("bounds widen while history is short and close in as it grows", () => {
    // A sample a minute, CPU and memory together (only CPU samples count).
    const sample = (h: VpaHistory, i: number) =>
      recordMemory(s, recordCpu(s, h, 0.5, 1, i * 60), 1000 + (i % 10) * 50, i * 60);
    let h = EMPTY_HISTORY;
    for (let i = 0; i < 3000; i++) h = sample(h, i);
    const early = recommend(s, h, 3000 * 60);
    let later = h;
    for (let i = 3000; i < 20000; i++) later = sample(later, i);
    const late = recommend(s, later, 20000 * 60);
    expect(early.memMiB.upper).toBeGreaterThan(late.memMiB.upper);
    expect(early.memMiB.lower).toBeLessThanOrEqual(late.memMiB.lower);
    expect(late.memMiB.lower).toBeLessThanOrEqual(late.memMiB.target);
    expect(late.memMiB.target).toBeLessThanOrEqual(late.memMiB.upper);
  });

  test("an out-of-memory kill is recorded as max(use x 1.2, use + 100 MiB)", () => {
    const small = recordOutOfMemory(s, EMPTY_HISTORY, 300, 0);
    const big = recordOutOfMemory(s, EMPTY_HISTORY, 2000, 0);
    const mem = { first: 1e7 / 2 ** 20, ratio: 1.05, halfLifeS: s.halfLifeS };
    expect(percentile(mem, small.mem, 1)).toBeGreaterThan(400);
    expect(percentile(mem, small.mem, 1)).toBeLessThan(400 * 1.07);
    expect(percentile(mem, big.mem, 1)).toBeGreaterThan(2400);
    expect(percentile(mem, big.mem, 1)).toBeLessThan(2400 * 1.07);
    // Only CPU samples count toward the history's length, as in the recommender.
    expect(small.samples).toBe(0);
    expect(recordCpu(s, small, 0.5, 1, 1).samples).toBe(1);
  });

  test("its state survives JSON with the same recommendation", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.001, max: 64, noNaN: true }), fc.nat(1e6)), {
          maxLength: 50,
        }),
        (samples) => {
          let h = EMPTY_HISTORY;
          let t = 0;
          for (const [v, dt] of samples) {
            t += dt;
            h = recordCpu(s, recordMemory(s, h, v * 100, t), v, 0.5, t);
          }
          const back = JSON.parse(JSON.stringify(h)) as typeof h;
          expect(JSON.stringify(recommend(s, back, t + 1))).toBe(
            JSON.stringify(recommend(s, h, t + 1)),
          );
        },
      ),
    );
  });
});
