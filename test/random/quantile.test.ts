import { describe, expect, test } from "vitest";
import { invertCdf } from "../../sim/random/invert-cdf.js";
import { medianAndP95, quantileOf } from "../../sim/random/quantile.js";
import { gammaP, normalCdf } from "../../sim/random/special.js";
import { samplerOf, type DistSpec } from "../../sim/random/spec.js";
import { RandomStreams } from "../../sim/random/streams.js";

describe("gamma CDF", () => {
  test.each([
    [2, 1, 1 - 2 / Math.E],
    [3, 10, 1 - Math.exp(-10) * 61],
    [1, 0.5, 1 - Math.exp(-0.5)],
    // P(1/2, x) = erf(sqrt x) = 2 Phi(sqrt(2x)) - 1
    [0.5, 2, 2 * normalCdf(2) - 1],
    [0.5, 0.02, 2 * normalCdf(0.2) - 1],
    [50, 60, 0.9155933189063095],
    [50, 40, 0.07033506665939337],
  ])("P(%d, %d)", (a, x, p) => {
    expect(gammaP(a, x) / p).toBeCloseTo(1, 10);
  });
});

describe("invertCdf", () => {
  test("finds the quantile of a CDF far beyond its first guess", () => {
    const cdf = (x: number) => 1 - Math.exp(-x / 1000);
    expect(invertCdf(cdf, 0.5, 0, 1)).toBeCloseTo(1000 * Math.LN2, 9);
  });
});

const LN2 = Math.LN2;
const LN20 = Math.log(20);
// [spec, median, p95], from the families' published quantiles.
const KNOWN: [string, DistSpec, number, number][] = [
  ["constant", { kind: "constant", value: 7 }, 7, 7],
  ["exponential", { kind: "exponential", mean: 1 }, LN2, LN20],
  ["exponential mean 4", { kind: "exponential", mean: 4 }, 4 * LN2, 4 * LN20],
  ["lognormal", { kind: "lognormal", median: 30, p95: 40 }, 30, 40],
  ["uniform", { kind: "uniform", min: 2, max: 6 }, 4, 5.8],
  ["gamma k=2 theta=1", { kind: "gamma", shape: 2, mean: 2 }, 1.678346990016661, 4.743864518390863],
  [
    "gamma k=1/2 theta=2 (chi-square 1)",
    { kind: "gamma", shape: 0.5, mean: 1 },
    0.454936423119572,
    3.841458820694124,
  ],
  ["gamma k=1 (exponential)", { kind: "gamma", shape: 1, mean: 3 }, 3 * LN2, 3 * LN20],
  [
    "normal at 0 (half-normal)",
    { kind: "normal", mean: 0, sd: 1 },
    0.6744897501960817,
    1.959963984540054,
  ],
  ["normal far from 0", { kind: "normal", mean: 20, sd: 2 }, 20, 20 + 2 * 1.6448536269514722],
  ["normal sd 0", { kind: "normal", mean: 3, sd: 0 }, 3, 3],
  ["triangular", { kind: "triangular", min: 0, mode: 1, max: 2 }, 1, 2 - Math.sqrt(0.1)],
  ["pareto", { kind: "pareto", scale: 1, shape: 2 }, Math.SQRT2, Math.sqrt(20)],
  ["weibull k=2", { kind: "weibull", scale: 1, shape: 2 }, Math.sqrt(LN2), Math.sqrt(LN20)],
  ["empirical", { kind: "empirical", samples: [5, 1, 3, 2, 4] }, 3, 5],
  [
    "percentiles",
    {
      kind: "percentiles",
      points: [
        { q: 0, value: 0 },
        { q: 0.5, value: 10 },
        { q: 1, value: 20 },
      ],
    },
    10,
    19,
  ],
];

describe("quantileOf", () => {
  test.each(KNOWN)("%s: median and p95", (_name, spec, median, p95) => {
    const got = medianAndP95(spec);
    expect(got.median).toBeCloseTo(median, 9);
    expect(got.p95).toBeCloseTo(p95, 9);
  });

  test("lognormal between its two named points follows the same curve", () => {
    // q = 0.75 is z = 0.6744897501960817 on the normal of the logarithm.
    const sigma = Math.log(40 / 30) / 1.6448536269514722;
    const q75 = quantileOf({ kind: "lognormal", median: 30, p95: 40 }, 0.75);
    expect(q75).toBeCloseTo(30 * Math.exp(sigma * 0.6744897501960817), 9);
  });

  test.each(KNOWN.filter(([name]) => !["constant", "empirical", "normal sd 0"].includes(name)))(
    "%s: the sampler's draws fall below the quantile as often as it says",
    (_name, spec) => {
      const draw = samplerOf(spec, new RandomStreams(3).stream("quantile"));
      const n = 40_000;
      const xs = Array.from({ length: n }, draw);
      for (const q of [0.1, 0.5, 0.95]) {
        const x = quantileOf(spec, q);
        const below = xs.filter((v) => v <= x).length / n;
        expect(Math.abs(below - q)).toBeLessThan(0.01);
      }
    },
  );

  test("a q outside [0, 1) is refused", () => {
    expect(() => quantileOf({ kind: "exponential", mean: 1 }, 1)).toThrow(/q must be/);
  });
});
