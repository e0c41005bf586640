import fc from "fast-check";
import { expect, test } from "vitest";
import { numberText } from "../../sim/csv/number-text.js";

const microseconds = fc.integer({ min: 0, max: 2 ** 32 * 1e6 + 1e7 }).map((micros) => micros / 1e6);
const decimals = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 33 }), fc.integer({ min: 0, max: 6 }))
  .map(([units, places]) => units / 10 ** places);

test.each([
  ["microsecond values", microseconds],
  ["values with up to six decimals", decimals],
  ["any double", fc.double()],
  ["small doubles", fc.double({ min: 0, max: 1e-3 })],
])("%s print as String prints them", (_, values) => {
  fc.assert(
    fc.property(values, (x) => {
      expect(numberText(x)).toBe(String(x));
    }),
    { numRuns: 30_000, seed: 11 },
  );
});

test("edges print as String prints them", () => {
  for (const x of [
    0,
    -0,
    1e-6,
    1e-7,
    0.000001,
    0.1,
    0.3,
    1 / 3,
    2 ** 32 - 1e-6,
    2 ** 32,
    2 ** 32 + 0.5,
    4294967295.999999,
    1e21,
    NaN,
    Infinity,
    -Infinity,
    -1.5,
    123456.1,
    999999.999999,
    Number.MIN_VALUE,
  ])
    expect(numberText(x), String(x)).toBe(String(x));
});
