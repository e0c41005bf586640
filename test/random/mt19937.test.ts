import { expect, test } from "vitest";
import { MersenneTwister } from "../../sim/random/mt19937.js";
import { loadReferenceSimJs } from "../support/simjs-reference.js";

test("reproduces simjs's Mersenne Twister stream for many seeds, including odd ones", () => {
  const Ref = loadReferenceSimJs();
  const seeds = [
    0,
    1,
    42,
    5489,
    19650218,
    -1,
    -123456,
    2 ** 31,
    2 ** 32 - 1,
    2 ** 32 + 7,
    -(2 ** 40),
    2 ** 53 - 1,
  ];
  for (const seed of seeds) {
    const ref = new Ref.Random(seed);
    const mt = new MersenneTwister(seed);
    for (let i = 0; i < 3000; i++)
      expect(mt.nextFloat(), `seed ${seed}, draw ${i}`).toBe(ref.random());
  }
});

test("outputs are 32-bit unsigned integers spread evenly over their range", () => {
  const mt = new MersenneTwister(2026);
  const buckets = new Array<number>(16).fill(0);
  const n = 160_000;
  for (let i = 0; i < n; i++) {
    const x = mt.nextUint32();
    expect(Number.isInteger(x) && x >= 0 && x < 2 ** 32).toBe(true);
    buckets[x >>> 28]!++;
  }
  // Chi-square with 15 degrees of freedom; 37.7 is its 0.999 quantile.
  const e = n / 16;
  const chi2 = buckets.reduce((acc, c) => acc + ((c - e) * (c - e)) / e, 0);
  expect(chi2).toBeLessThan(37.7);
});

test("rejects a non-integer seed", () => {
  expect(() => new MersenneTwister(1.5)).toThrow(TypeError);
});
