import { describe, expect, test } from "vitest";
import { lnGamma, normalCdf } from "../../sim/random/special.js";
import { meanOf, samplerOf } from "../../sim/random/spec.js";
import { RandomStreams } from "../../sim/random/streams.js";

describe("special functions", () => {
  test.each([
    [1, 1],
    [0.5, Math.sqrt(Math.PI)],
    [5 / 3, 0.9027452929509336],
    [4.5, 11.631728396567448],
    [20, 1.21645100408832e17],
  ])("Gamma(%d)", (x, value) => {
    expect(Math.exp(lnGamma(x)) / value).toBeCloseTo(1, 11);
  });

  test.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145707],
    [2.5, 0.9937903346742238],
    [-3, 0.0013498980316301035],
    [-6, 9.865876450376946e-10],
  ])("Phi(%d)", (z, p) => {
    expect(normalCdf(z) / p).toBeCloseTo(1, 10);
  });
});

describe("DistSpec samplers", () => {
  const source = () => new RandomStreams(7).stream("spec");

  test("a normal is truncated at zero: never negative, with the truncated mean", () => {
    const spec = { kind: "normal", mean: 0.5, sd: 1 } as const;
    const draw = samplerOf(spec, source());
    let sum = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = draw();
      expect(x).toBeGreaterThanOrEqual(0);
      sum += x;
    }
    // 0.5 + phi(0.5) / Phi(0.5)
    const truncated = 0.5 + 0.3520653267642995 / 0.6914624612740131;
    expect(meanOf(spec)).toBeCloseTo(truncated, 9);
    expect(Math.abs(sum / n - truncated)).toBeLessThan(0.01);
  });

  test("a truncated normal with a negative mean is refused, not drawn for ever", () => {
    expect(() => samplerOf({ kind: "normal", mean: -1, sd: 1 }, source())).toThrow(RangeError);
  });

  test("a pareto with a tail index of 1 or less has no finite mean", () => {
    expect(meanOf({ kind: "pareto", scale: 1, shape: 1 })).toBe(Infinity);
  });
});
