import { describe, expect, test } from "vitest";
import { intervalsOverlap, judge } from "../../../reports/compare/judge.js";

const e = (value: number, ci95?: number) => ({ value, ci95 });

describe("intervalsOverlap", () => {
  test("intervals that touch overlap; intervals apart do not", () => {
    expect(intervalsOverlap(e(1, 0.1), e(1.2, 0.1))).toBe(true);
    expect(intervalsOverlap(e(1, 0.1), e(1.2000001, 0.1))).toBe(false);
    expect(intervalsOverlap(e(1.2000001, 0.1), e(1, 0.1))).toBe(false);
    // One wide interval covers a narrow one far from its own mean.
    expect(intervalsOverlap(e(0, 5), e(4, 0))).toBe(true);
  });

  test("is unknown when either side has no interval", () => {
    expect(intervalsOverlap(e(1), e(9, 0.1))).toBeUndefined();
    expect(intervalsOverlap(e(1, 0.1), e(9))).toBeUndefined();
  });
});

describe("judge", () => {
  test("lower is better: a fall is better, a rise is worse, when the intervals are apart", () => {
    expect(judge(e(1, 0.1), e(2, 0.1), "lower")).toBe("worse");
    expect(judge(e(2, 0.1), e(1, 0.1), "lower")).toBe("better");
  });

  test("higher is better: the other way round", () => {
    expect(judge(e(0.9, 0.01), e(0.99, 0.01), "higher")).toBe("better");
    expect(judge(e(0.99, 0.01), e(0.9, 0.01), "higher")).toBe("worse");
  });

  test("a metric with no better direction only changes", () => {
    expect(judge(e(4, 0.1), e(6, 0.1), "neither")).toBe("changed");
    expect(judge(e(6, 0.1), e(4, 0.1), "neither")).toBe("changed");
  });

  test("overlapping intervals are not significant, however the means move", () => {
    expect(judge(e(1, 0.5), e(1.9, 0.5), "lower")).toBe("not significant");
  });

  test("without an interval on both sides a change cannot be judged, however large", () => {
    expect(judge(e(1), e(100), "lower")).toBe("cannot judge");
    expect(judge(e(1, 0), e(100), "lower")).toBe("cannot judge");
  });

  test("zero-width intervals (a fixed fleet's cost) make any change significant", () => {
    expect(judge(e(0.576, 0), e(0.768, 0), "lower")).toBe("worse");
  });

  test("identical figures are equal, with or without intervals", () => {
    expect(judge(e(3), e(3), "lower")).toBe("equal");
    expect(judge(e(3, 0.2), e(3, 0.1), "higher")).toBe("equal");
  });
});
