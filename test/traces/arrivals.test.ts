import { describe, expect, test } from "vitest";
import { RandomStreams } from "../../sim/random/streams.js";
import { arrivals, meanRate, type ArrivalPattern } from "../../traces/synth/arrivals.js";
import { synthWorkload } from "../../traces/synth/workload.js";
import { synthSpec } from "../support/synth.js";

/** Arrivals in [0, horizon) counted per bin. */
function counts(
  rate: number,
  pattern: ArrivalPattern,
  horizonS: number,
  binS: number,
  seed = 1,
): number[] {
  const next = arrivals(rate, pattern, new RandomStreams(seed).stream("a"));
  const bins = new Array<number>(Math.ceil(horizonS / binS)).fill(0);
  for (let t = next(); t < horizonS; t = next()) bins[Math.floor(t / binS)]!++;
  return bins;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const variance = (xs: number[]) => mean(xs.map((x) => (x - mean(xs)) ** 2));

describe("arrival patterns", () => {
  test("poisson: the mean rate, and counts as dispersed as a Poisson process", () => {
    const c = counts(5, { kind: "poisson" }, 600_000, 60);
    const total = sum(c);
    expect(Math.abs(total - 3_000_000) / Math.sqrt(3_000_000)).toBeLessThan(4);
    expect(variance(c) / mean(c)).toBeCloseTo(1, 1);
  });

  test("diurnal: the rate follows the sinusoid, peak at the given hour, same mean", () => {
    const pattern: ArrivalPattern = {
      kind: "diurnal",
      amplitude: 0.5,
      periodS: 86_400,
      peakS: 14 * 3600,
      noise: 0,
      noiseStepS: 300,
    };
    const hourly = counts(2, pattern, 10 * 86_400, 3600);
    const byHour = Array.from({ length: 24 }, (_, h) =>
      mean(hourly.filter((_, i) => i % 24 === h)),
    );
    const peakHour = byHour.indexOf(Math.max(...byHour));
    expect(Math.abs(peakHour - 13.5)).toBeLessThanOrEqual(1.5);
    // The hour around the peak has about 1.5x the mean, the trough 0.5x.
    expect(byHour[14]! / (2 * 3600)).toBeCloseTo(1.5, 1);
    expect(byHour[2]! / (2 * 3600)).toBeCloseTo(0.5, 1);
    expect(sum(hourly) / (10 * 86_400 * 2)).toBeCloseTo(1, 2);
  });

  test("diurnal noise makes hour-to-hour counts vary more than the sinusoid alone", () => {
    const base: ArrivalPattern = {
      kind: "diurnal",
      amplitude: 0.3,
      periodS: 86_400,
      peakS: 0,
      noise: 0,
      noiseStepS: 3600,
    };
    const calm = counts(2, base, 20 * 86_400, 3600, 5);
    const noisy = counts(2, { ...base, noise: 0.3 }, 20 * 86_400, 3600, 5);
    const detrended = (c: number[]) =>
      variance(c.map((x, i) => x - mean(c.filter((_, j) => j % 24 === i % 24))));
    expect(detrended(noisy)).toBeGreaterThan(5 * detrended(calm));
  });

  test("bursty: the on-off mean rate, and counts far more dispersed than Poisson", () => {
    const pattern: ArrivalPattern = {
      kind: "bursty",
      burstRatePerS: 50,
      meanOnS: 20,
      meanOffS: 180,
    };
    const c = counts(2, pattern, 400_000, 60);
    const expected = meanRate(2, pattern) * 400_000;
    expect(Math.abs(sum(c) - expected) / expected).toBeLessThan(0.05);
    expect(variance(c) / mean(c)).toBeGreaterThan(10);
  });

  test("the same seed gives the same arrivals", () => {
    const p: ArrivalPattern = { kind: "bursty", burstRatePerS: 10, meanOnS: 5, meanOffS: 50 };
    expect(counts(1, p, 10_000, 100, 3)).toEqual(counts(1, p, 10_000, 100, 3));
    expect(counts(1, p, 10_000, 100, 3)).not.toEqual(counts(1, p, 10_000, 100, 4));
  });
});

test("pre-trigger notifications announce the given share of requests, the given time ahead, naming the right function as often as their accuracy", () => {
  const spec = synthSpec({
    notifications: { share: 0.7, lead: { kind: "uniform", min: 5, max: 15 }, accuracy: 0.8 },
  });

  const source = synthWorkload(spec, new RandomStreams(2));
  let announced = 0;
  let wrong = 0;
  let leadSum = 0;
  const n = 50_000;
  for (let i = 0; i < n; i++) {
    const r = source.next()!;
    if (r.noticeLeadS === undefined) {
      expect(r.noticeFunctionId).toBeUndefined();
      continue;
    }
    announced++;
    leadSum += r.noticeLeadS;
    expect(r.noticeLeadS).toBeLessThanOrEqual(r.arrivalS);
    if (r.noticeFunctionId !== undefined) {
      wrong++;
      expect(r.noticeFunctionId).not.toBe(r.functionId);
      expect(r.noticeFunctionId).toBeGreaterThanOrEqual(0);
      expect(r.noticeFunctionId).toBeLessThan(spec.functions);
    }
  }
  expect(announced / n).toBeCloseTo(0.7, 2);
  expect(leadSum / announced).toBeCloseTo(10, 1);
  // Within five standard errors of the 20% that should be wrong.
  expect(Math.abs(wrong / announced - 0.2)).toBeLessThan(5 * Math.sqrt(0.16 / announced));
});
