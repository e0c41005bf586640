/**
 * The envelope's calibration: a bucket states its bound until it has seen
 * completions, then moves to the share of them its envelopes held, and the
 * buckets keep the input's profiles apart from the program's.
 */
import { describe, expect, test } from "vitest";
import {
  bucketOf,
  heldBy,
  learnHeld,
  newCalibration,
  PRIOR_WEIGHT,
  statedConfidence,
} from "../../sim/policies/pieces/envelope/calibration.js";

describe("envelope calibration", () => {
  test("buckets: by source, then the bound in tenths", () => {
    expect(bucketOf("input", 0.05)).toBe(0);
    expect(bucketOf("input", 0.85)).toBe(8);
    expect(bucketOf("input", 0.999)).toBe(9);
    expect(bucketOf("program", 0.85)).toBe(18);
    expect(bucketOf("program", 0)).toBe(10);
  });

  test("with nothing seen it states the bound", () => {
    const cal = newCalibration();
    expect(statedConfidence(cal, bucketOf("input", 0.79), 0.79)).toBeCloseTo(0.79, 12);
  });

  test("it moves to the share held, the bound weighing PRIOR_WEIGHT completions", () => {
    let cal = newCalibration();
    const b = bucketOf("input", 0.8);
    // 90 of 100 held.
    for (let i = 0; i < 100; i++) cal = learnHeld(cal, b, i % 10 !== 0);
    const want = (90 + PRIOR_WEIGHT * 0.8) / (100 + PRIOR_WEIGHT);
    expect(statedConfidence(cal, b, 0.8)).toBeCloseTo(want, 12);
    // Other buckets are untouched, and the state is plain JSON.
    expect(statedConfidence(cal, bucketOf("program", 0.8), 0.8)).toBeCloseTo(0.8, 12);
    expect(JSON.parse(JSON.stringify(cal))).toEqual(cal);
  });

  test("stays inside (0, 1) however one-sided the record", () => {
    let cal = newCalibration();
    for (let i = 0; i < 10_000; i++) cal = learnHeld(cal, 3, true);
    expect(statedConfidence(cal, 3, 0.3)).toBeLessThan(1);
    let miss = newCalibration();
    for (let i = 0; i < 10_000; i++) miss = learnHeld(miss, 3, false);
    expect(statedConfidence(miss, 3, 0.3)).toBeGreaterThan(0);
  });

  test("held means both measurements inside their ranges, bounds included", () => {
    const env = { cpuSeconds: [1, 2] as const, peakMemMiB: [100, 200] as const };
    expect(heldBy(env, 1, 200)).toBe(true);
    expect(heldBy(env, 2.01, 150)).toBe(false);
    expect(heldBy(env, 1.5, 99)).toBe(false);
  });
});
