import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { deriveBounds } from "../../../reports/bounds/derive.js";
import { roundDown, roundUp } from "../../../reports/bounds/round-outward.js";
import { policy, report } from "../run-report-fixture.js";

describe("deriveBounds", () => {
  test("without replications: the margin, on the worse side, of the shortfall for attainment", () => {
    const b = deriveBounds(report([policy("a", { costUsd: 2, coldStartRatio: 0.1 })]), 0.05);
    expect(b).toMatchObject({ scenario: "test", seed: 1, replications: 1, margin: 0.05 });
    const a = b.policies.a!;
    expect(a.costUsd).toEqual({ measured: 2, bound: 2.1, from: "margin" });
    expect(a.latencyP99S).toEqual({ measured: 0.6, bound: 0.63, from: "margin" });
    // 99.9%: 0.1% missed, 5% more of them is 0.005 points.
    expect(a.slaAttainment).toEqual({ measured: 0.999, bound: 0.99895, from: "margin" });
    expect(a.coldStartRatio).toEqual({ measured: 0.1, bound: 0.105, from: "margin" });
  });

  test("with replications: the 95% half-width where the summary has one, the margin where not", () => {
    const p = policy("a", { ci95: { costUsd: 0.1, latencyP99S: 0.05, slaAttainment: 0.0002 } });
    const a = deriveBounds(report([p]), 0.05).policies.a!;
    expect(a.costUsd).toEqual({ measured: 1, bound: 1.1, from: "ci95" });
    expect(a.latencyP99S).toEqual({ measured: 0.6, bound: 0.65, from: "ci95" });
    expect(a.slaAttainment).toEqual({ measured: 0.999, bound: 0.9988, from: "ci95" });
    expect(a.coldStartRatio.from).toBe("margin");
  });

  test("a figure with no spread still gets the noise floor, just past itself", () => {
    const a = deriveBounds(report([policy("a", { ci95: {}, slaAttainment: 1 })])).policies.a!;
    expect(a.costUsd.bound).toBeGreaterThan(1);
    expect(a.costUsd.bound).toBeLessThanOrEqual(1 + 1e-5);
    expect(a.slaAttainment.bound).toBeLessThan(1);
    expect(a.slaAttainment.bound).toBeGreaterThanOrEqual(1 - 1e-5);
    expect(a.coldStartRatio).toEqual({ measured: 0, bound: 0.000001, from: "margin" });
  });

  test("a margin is a share >= 0", () => {
    expect(() => deriveBounds(report([policy("a")]), -0.1)).toThrow(RangeError);
    expect(() => deriveBounds(report([policy("a")]), NaN)).toThrow(RangeError);
  });
});

test("rounding to six digits only ever moves a bound outward", () => {
  const sixDigits = (x: number) => Number(x.toPrecision(6)) === x;
  fc.assert(
    fc.property(
      fc.oneof(
        fc.constant(0),
        fc.double({ min: 1e-300, max: 1e9, noNaN: true }),
        fc.double({ min: -1e9, max: -1e-300, noNaN: true }),
      ),
      (x) => {
        const [up, down] = [roundUp(x), roundDown(x)];
        const ulps = 1e-12 * Math.abs(x);
        expect(up).toBeGreaterThanOrEqual(x - ulps);
        expect(down).toBeLessThanOrEqual(x + ulps);
        expect(sixDigits(up) && sixDigits(down)).toBe(true);
        if (x !== 0) expect(Math.abs(up - down)).toBeLessThanOrEqual(2.1e-5 * Math.abs(x));
      },
    ),
  );
});
