import { describe, expect, test } from "vitest";
import {
  RandomStreams,
  empiricalFromPercentiles,
  empiricalFromSamples,
  exponential,
  gamma,
  lognormal,
  lognormalFromMeanCv,
  lognormalFromMedianP95,
  normal,
  pareto,
  triangular,
  uniform,
  weibull,
  type Sampler,
} from "../../sim/random/index.js";

const N = 200_000;

function moments(sample: Sampler, n = N) {
  let sum = 0;
  let sq = 0;
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = sample();
    xs[i] = x;
    sum += x;
    sq += x * x;
  }
  const mean = sum / n;
  xs.sort();
  return {
    mean,
    variance: sq / n - mean * mean,
    median: xs[n >> 1]!,
    min: xs[0]!,
    max: xs[n - 1]!,
  };
}

/** Within `k` standard errors of the mean: a tolerance from the distribution itself. */
function expectMean(observed: number, mean: number, variance: number, k = 5) {
  expect(Math.abs(observed - mean)).toBeLessThan(k * Math.sqrt(variance / N));
}

const source = () => new RandomStreams(20261124).stream("distributions");

describe("distributions match their moments", () => {
  test("exponential", () => {
    const m = moments(exponential(source(), 4));
    expectMean(m.mean, 0.25, 1 / 16);
    expect(m.variance).toBeCloseTo(1 / 16, 2);
    expect(m.min).toBeGreaterThanOrEqual(0);
  });

  test("uniform", () => {
    const m = moments(uniform(source(), -2, 6));
    expectMean(m.mean, 2, 64 / 12);
    expect(m.variance).toBeCloseTo(64 / 12, 1);
    expect(m.min).toBeGreaterThanOrEqual(-2);
    expect(m.max).toBeLessThan(6);
  });

  test("normal", () => {
    const m = moments(normal(source(), 10, 3));
    expectMean(m.mean, 10, 9);
    expect(Math.sqrt(m.variance)).toBeCloseTo(3, 1);
    expect(m.median).toBeCloseTo(10, 1);
  });

  test("lognormal and its parameterisations", () => {
    const { mu, sigma } = lognormalFromMeanCv(2, 0.5);
    const m = moments(lognormal(source(), mu, sigma));
    expectMean(m.mean, 2, 1);
    expect(Math.sqrt(m.variance) / m.mean).toBeCloseTo(0.5, 1);
    const p = lognormalFromMedianP95(30, 90);
    const xs = Array.from({ length: N }, lognormal(source(), p.mu, p.sigma)).sort((a, b) => a - b);
    expect(xs[N >> 1]! / 30).toBeCloseTo(1, 1);
    expect(xs[Math.floor(N * 0.95)]! / 90).toBeCloseTo(1, 1);
  });

  test.each([0.3, 1, 2.5, 9])("gamma with shape %d", (shape) => {
    const scale = 2;
    const m = moments(gamma(source(), shape, scale));
    expectMean(m.mean, shape * scale, shape * scale * scale);
    expect(m.variance / (shape * scale * scale)).toBeCloseTo(1, 1);
    expect(m.min).toBeGreaterThan(0);
  });

  test("triangular", () => {
    const [a, c, b] = [1, 2, 7];
    const m = moments(triangular(source(), a, c, b));
    const variance = (a * a + b * b + c * c - a * b - a * c - b * c) / 18;
    expectMean(m.mean, (a + b + c) / 3, variance);
    expect(m.min).toBeGreaterThanOrEqual(a);
    expect(m.max).toBeLessThanOrEqual(b);
  });

  test("pareto", () => {
    const [scale, shape] = [2, 5];
    const m = moments(pareto(source(), scale, shape));
    const mean = (shape * scale) / (shape - 1);
    const variance = (scale * scale * shape) / ((shape - 1) ** 2 * (shape - 2));
    expectMean(m.mean, mean, variance);
    expect(m.min).toBeGreaterThanOrEqual(scale);
    expect(m.median).toBeCloseTo(scale * 2 ** (1 / shape), 2);
  });

  test("weibull", () => {
    const [scale, shape] = [3, 2];
    const m = moments(weibull(source(), scale, shape));
    const g1 = Math.sqrt(Math.PI) / 2; // Gamma(1 + 1/2)
    const mean = scale * g1;
    const variance = scale * scale * (1 - g1 * g1); // Gamma(2) = 1
    expectMean(m.mean, mean, variance);
    expect(m.median).toBeCloseTo(scale * Math.sqrt(Math.LN2), 1);
  });

  test("empirical from samples resamples exactly those values, evenly", () => {
    const values = [1, 2, 2, 10];
    const counts = new Map<number, number>();
    const sample = empiricalFromSamples(source(), values);
    for (let i = 0; i < N; i++) {
      const x = sample();
      counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 10]);
    expect(counts.get(2)! / N).toBeCloseTo(0.5, 2);
  });

  test("empirical from percentiles follows the given quantiles", () => {
    const points = [
      { q: 0, value: 10 },
      { q: 0.25, value: 20 },
      { q: 0.5, value: 30 },
      { q: 0.99, value: 100 },
      { q: 1, value: 400 },
    ];
    const xs = Array.from({ length: N }, empiricalFromPercentiles(source(), points)).sort(
      (a, b) => a - b,
    );
    expect(xs[0]).toBeGreaterThanOrEqual(10);
    expect(xs[N - 1]).toBeLessThanOrEqual(400);
    expect(xs[N >> 2]! / 20).toBeCloseTo(1, 1);
    expect(xs[N >> 1]! / 30).toBeCloseTo(1, 1);
    expect(xs[Math.floor(N * 0.99)]! / 100).toBeCloseTo(1, 1);
  });
});

describe("parameters are checked once, with the distribution's name", () => {
  const s = source();
  test.each([
    ["exponential", () => exponential(s, 0)],
    ["exponential", () => exponential(s, NaN)],
    ["uniform", () => uniform(s, 2, 1)],
    ["normal", () => normal(s, 0, -1)],
    ["gamma", () => gamma(s, 0, 1)],
    ["gamma", () => gamma(s, 1, -2)],
    ["triangular", () => triangular(s, 0, 5, 4)],
    ["pareto", () => pareto(s, 0, 1)],
    ["weibull", () => weibull(s, 1, 0)],
    ["lognormal", () => lognormalFromMedianP95(10, 5)],
    ["lognormal", () => lognormalFromMeanCv(-1, 1)],
    ["empirical", () => empiricalFromSamples(s, [])],
    [
      "empirical",
      () =>
        empiricalFromPercentiles(s, [
          { q: 0, value: 1 },
          { q: 0.9, value: 2 },
        ]),
    ],
    [
      "empirical",
      () =>
        empiricalFromPercentiles(s, [
          { q: 0, value: 3 },
          { q: 1, value: 2 },
        ]),
    ],
  ])("%s rejects bad parameters", (name, make) => {
    expect(make).toThrow(RangeError);
    expect(make).toThrow(new RegExp(`^${name}:`));
  });
});

describe("RandomStreams", () => {
  test("the same seed and name give the same numbers; other names differ", () => {
    const a = new RandomStreams(42);
    const b = new RandomStreams(42);
    const draw = (f: () => number) => Array.from({ length: 5 }, f);
    expect(draw(a.stream("arrivals"))).toEqual(draw(b.stream("arrivals")));
    expect(draw(a.stream("arrivals"))).not.toEqual(draw(a.stream("service")));
    expect(draw(a.stream("arrivals"))).not.toEqual(draw(new RandomStreams(43).stream("arrivals")));
  });

  test("streams are independent: adding one does not shift another", () => {
    const solo = new RandomStreams(7).stream("x");
    const streams = new RandomStreams(7);
    const y = streams.stream("y");
    const x = streams.stream("x");
    for (let i = 0; i < 100; i++) {
      y();
      expect(x()).toBe(solo());
    }
  });

  test("draws are uniform on [0, 1) and uncorrelated between named streams", () => {
    const s = new RandomStreams("corr");
    const x = s.stream("a");
    const y = s.stream("b");
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < N; i++) {
      const u = x();
      const v = y();
      sx += u;
      sy += v;
      sxy += u * v;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    const cov = sxy / N - (sx / N) * (sy / N);
    expect(Math.abs(cov / (1 / 12))).toBeLessThan(5 / Math.sqrt(N));
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  test("derived seeds are 32-bit, stable and distinct", () => {
    const s = new RandomStreams(1);
    const seeds = Array.from({ length: 100 }, (_, i) => s.deriveSeed(`rep-${i}`));
    expect(new Set(seeds).size).toBe(100);
    expect(seeds.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
    expect(new RandomStreams(1).deriveSeed("rep-0")).toBe(seeds[0]);
    expect(s.child("rep-0").stream("a")()).toBe(new RandomStreams("1/rep-0").stream("a")());
    expect(() => new RandomStreams(NaN)).toThrow(RangeError);
  });
});
