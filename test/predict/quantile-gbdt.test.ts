import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { QuantileGbdt } from "../../sim/predict/quantile-gbdt.js";
import { Seeded } from "../../sim/predict/seeded.js";

const Z90 = 1.2815515655446004; // standard normal 0.9 quantile

/** y = f(x) + N(0, sd(x)): the true quantiles are known exactly. */
function noisy(n: number, seed: number) {
  const rng = new Seeded(seed);
  const x: number[][] = [];
  const y: number[] = [];
  const mean: number[] = [];
  const sd: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [rng.next(), rng.next(), rng.next()]; // the third feature is noise
    const m = Math.sin(3 * row[0]!) + 2 * row[1]!;
    const s = 0.2 + 0.5 * row[1]!;
    x.push(row);
    mean.push(m);
    sd.push(s);
    y.push(m + s * rng.normal());
  }
  return { x, y, mean, sd };
}

const step = (x: number) => (x < 0.3 ? 1 : x < 0.7 ? 5 : 2);

describe("QuantileGbdt", () => {
  it("recovers a step function exactly", () => {
    // 50 distinct inputs (fewer than the bins), so every step falls between two edges.
    const x = Array.from({ length: 400 }, (_, i) => [(i % 50) / 50]);
    const model = QuantileGbdt.train(
      x,
      x.map((r) => step(r[0]!)),
      { quantiles: [0.5, 0.9], rounds: 300, maxDepth: 2 },
    );
    for (const v of [0.01, 0.2, 0.28, 0.3, 0.5, 0.68, 0.7, 0.9, 0.99]) {
      const [q50, q90] = model.predict([v]);
      expect(q50).toBeCloseTo(step(v), 5);
      expect(q90).toBeCloseTo(step(v), 5);
    }
  });

  it("its 0.9 quantile covers about 90% of held-out points and both quantiles track the true ones", () => {
    const train = noisy(4000, 1);
    const test = noisy(4000, 2);
    const model = QuantileGbdt.train(train.x, train.y, { quantiles: [0.5, 0.9], seed: 3 });
    let covered = 0;
    let err50 = 0;
    let err90 = 0;
    test.x.forEach((row, i) => {
      const [q50, q90] = model.predict(row);
      if (test.y[i]! <= q90!) covered++;
      err50 += Math.abs(q50! - test.mean[i]!);
      err90 += Math.abs(q90! - (test.mean[i]! + Z90 * test.sd[i]!));
    });
    const coverage = covered / test.x.length;
    expect(coverage).toBeGreaterThan(0.87);
    expect(coverage).toBeLessThan(0.93);
    // The noise sd is 0.2..0.7: errors well under it mean the shape was learned.
    expect(err50 / test.x.length).toBeLessThan(0.1);
    expect(err90 / test.x.length).toBeLessThan(0.15);
  });

  it("is deterministic given its seed, and the seed matters", () => {
    const d = noisy(500, 4);
    const a = QuantileGbdt.train(d.x, d.y, { quantiles: [0.5], seed: 11, rounds: 50 });
    const b = QuantileGbdt.train(d.x, d.y, { quantiles: [0.5], seed: 11, rounds: 50 });
    const c = QuantileGbdt.train(d.x, d.y, { quantiles: [0.5], seed: 12, rounds: 50 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c));
  });

  it("predicts identically after a JSON round trip, and the JSON is compact", () => {
    const d = noisy(4000, 5);
    const model = QuantileGbdt.train(d.x, d.y, { quantiles: [0.5, 0.9] });
    const text = JSON.stringify(model);
    const loaded = QuantileGbdt.fromJSON(JSON.parse(text));
    // 2 quantiles x 200 trees of depth 4: well under 1 MB (a 4 MB model is too big).
    expect(text.length).toBeLessThan(600_000);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (row) => {
          expect(loaded.predict(row)).toEqual(model.predict(row));
        },
      ),
    );
  });

  it("never lets quantiles cross", () => {
    const d = noisy(300, 6);
    const model = QuantileGbdt.train(d.x, d.y, { quantiles: [0.9, 0.1, 0.5], rounds: 40 });
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (row) => {
          const [q90, q10, q50] = model.predict(row);
          expect(q10).toBeLessThanOrEqual(q50!);
          expect(q50).toBeLessThanOrEqual(q90!);
        },
      ),
    );
  });

  it("rejects bad input and malformed models with a reason", () => {
    expect(() => QuantileGbdt.train([[1], [2, 3]], [1, 2], { quantiles: [0.5] })).toThrow(
      /row 1 has 2 features/,
    );
    expect(() => QuantileGbdt.train([[1]], [1], { quantiles: [1.5] })).toThrow(/not in \(0, 1\)/);
    expect(() => QuantileGbdt.train([[Number.NaN]], [1], { quantiles: [0.5] })).toThrow(
      /non-finite/,
    );
    expect(() => QuantileGbdt.fromJSON({ kind: "x" })).toThrow(/not a "quantile-gbdt"/);
    const bad = {
      kind: "quantile-gbdt",
      version: 1,
      features: 1,
      learningRate: 0.1,
      ensembles: [
        {
          tau: 0.5,
          base: 0,
          trees: [{ feature: [3, -1, -1], value: [0, 1, 2], right: [2, 0, 0] }],
        },
      ],
    };
    expect(() => QuantileGbdt.fromJSON(bad)).toThrow(/feature\[0\] = 3 is no feature/);
    const model = QuantileGbdt.train([[1], [2]], [1, 2], {
      quantiles: [0.5],
      rounds: 2,
      minLeaf: 1,
    });
    expect(() => model.predict([1, 2])).toThrow(/2 features, the model has 1/);
  });
});
