import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDuration, parseRate, parseSize } from "../../sim/units/units.js";

const ok = (v: number) => ({ ok: true, value: v });
const PARSERS = { duration: parseDuration, size: parseSize, rate: parseRate };

describe("units", () => {
  test.each([
    ["250ms", 0.25],
    ["90s", 90],
    ["5m", 300],
    ["5min", 300],
    ["2h", 7200],
    ["1d", 86400],
    ["1.5h", 5400],
    [" 3 s ", 3],
    ["1e3ms", 1],
  ] as const)("duration %s", (input, seconds) => {
    const p = parseDuration(input);
    expect(p.ok).toBe(true);
    expect(p.ok && p.value).toBeCloseTo(seconds, 12);
  });

  test.each([
    ["512MiB", 512],
    ["16GiB", 16384],
    ["1TiB", 1048576],
    ["1GB", 1e9 / 2 ** 20],
  ] as const)("size %s", (input, mib) => {
    const p = parseSize(input);
    expect(p.ok && p.value).toBeCloseTo(mib, 9);
  });

  test.each([
    ["50/s", 50],
    ["3000/min", 50],
    ["36/h", 0.01],
  ] as const)("rate %s", (input, perS) => {
    const p = parseRate(input);
    expect(p.ok && p.value).toBeCloseTo(perS, 12);
  });

  test.each(["5 parsecs", "ms", "", "1.2.3s", "fast"])(
    "a bad duration %j says what to write",
    (input) => {
      const p = parseDuration(input);
      expect(p.ok).toBe(false);
      expect(!p.ok && p.message).toMatch(/"250ms"/);
    },
  );

  test.each([
    ["duration", 2, /2 has no unit: a duration carries one \(did you mean "2s" or "2h"\?\)/],
    ["duration", "2", /did you mean "2s" or "2h"/],
    ["duration", " 0.5 ", /did you mean "0.5s" or "0.5h"/],
    ["rate", 40, /40 has no unit: a rate carries one \(did you mean "40\/s" or "40\/min"\?\)/],
    ["rate", "40", /did you mean "40\/s" or "40\/min"/],
    ["size", 512, /did you mean "512MiB" or "512GiB"/],
    ["size", 0, /did you mean "0MiB" or "0GiB"/],
  ] as const)("a bare %s %j is refused with its likely units", (kind, input, message) => {
    const p = PARSERS[kind](input);
    expect(p.ok).toBe(false);
    expect(!p.ok && p.message).toMatch(message);
  });

  test("bad sizes and rates, and non-strings, are refused", () => {
    expect(parseSize("16 gigs").ok).toBe(false);
    expect(parseRate("50 per s").ok).toBe(false);
    expect(parseDuration(null).ok).toBe(false);
    expect(parseDuration(Infinity).ok).toBe(false);
    expect(parseDuration("1e400s").ok).toBe(false);
    expect(parseDuration({}).ok).toBe(false);
  });

  test("fuzz: any string parses or fails cleanly, never throws", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        for (const parse of [parseDuration, parseSize, parseRate]) {
          const p = parse(s);
          if (p.ok) expect(Number.isFinite(p.value)).toBe(true);
          else expect(p.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 2000, seed: 5 },
    );
  });

  test("round trip: n followed by a unit parses to n times the unit", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (n) => {
        expect(parseDuration(`${n}ms`)).toEqual(ok(n * 1e-3));
        expect(parseSize(`${n}GiB`)).toEqual(ok(n * 1024));
      }),
      { seed: 6 },
    );
  });
});
