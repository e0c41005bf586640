import fc from "fast-check";
import { expect, test } from "vitest";
import { parseDecimal } from "../../traces/decimal.js";

/** What parseDecimal promises: Number(s), except that a blank field is NaN. */
const expected = (s: string) => (s.trim() === "" ? NaN : Number(s));

const plainDecimal = fc
  .tuple(
    fc.stringMatching(/^[0-9]{1,16}$/),
    fc.option(fc.stringMatching(/^[0-9]{0,16}$/), { nil: undefined }),
  )
  .map(([whole, fraction]) => (fraction === undefined ? whole : `${whole}.${fraction}`));

test("plain decimals read as Number reads them, to the last bit", () => {
  fc.assert(
    fc.property(plainDecimal, (s) => {
      expect(Object.is(parseDecimal(s), expected(s))).toBe(true);
    }),
    { numRuns: 20_000, seed: 5 },
  );
});

test("the text of any double reads back as that double", () => {
  fc.assert(
    fc.property(fc.double(), (x) => {
      const s = String(x);
      expect(Object.is(parseDecimal(s), expected(s))).toBe(true);
    }),
    { numRuns: 20_000, seed: 6 },
  );
});

test("any string reads as Number reads it, a blank one as NaN", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 20, unit: "binary" }), (s) => {
      expect(Object.is(parseDecimal(s), expected(s))).toBe(true);
    }),
    { numRuns: 20_000, seed: 7 },
  );
  for (const s of [
    "",
    " ",
    "\t",
    ".",
    ".5",
    "5.",
    "-1",
    "+2",
    "1e3",
    "0x10",
    "Infinity",
    " 7",
    "7 ",
    "9007199254740993",
    "900719925474099.3",
    "90071992547409.93",
    "0.1",
    "1.7976931348623157e308",
    "123456789012345.",
    "000000000000001.5",
  ])
    expect(Object.is(parseDecimal(s), expected(s)), JSON.stringify(s)).toBe(true);
});
