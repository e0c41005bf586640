import { describe, expect, test } from "vitest";
import { DataSeries } from "../../sim/engine/stats/data-series.js";
import { Population } from "../../sim/engine/stats/population.js";
import { TimeSeries } from "../../sim/engine/stats/time-series.js";

describe("DataSeries", () => {
  test("count, extremes, sum and weighted mean and variance match a direct computation", () => {
    const values = [3, -1, 4, 1, 5, 9, 2, 6];
    const weights = [1, 2, 0.5, 1, 3, 1, 2, 0.25];
    const d = new DataSeries("d");
    values.forEach((v, i) => d.record(v, weights[i]));
    const W = weights.reduce((a, b) => a + b, 0);
    const mean = values.reduce((a, v, i) => a + v * weights[i]!, 0) / W;
    const variance = values.reduce((a, v, i) => a + weights[i]! * (v - mean) ** 2, 0) / W;
    expect(d.count()).toBe(8);
    expect(d.min()).toBe(-1);
    expect(d.max()).toBe(9);
    expect(d.range()).toBe(10);
    expect(d.sum()).toBe(29);
    expect(d.weight()).toBeCloseTo(W, 12);
    expect(d.average()).toBeCloseTo(mean, 12);
    expect(d.sumWeighted()).toBeCloseTo(mean * W, 12);
    expect(d.variance()).toBeCloseTo(variance, 12);
    expect(d.deviation()).toBeCloseTo(Math.sqrt(variance), 12);
    d.reset();
    expect([d.count(), d.sum(), d.min(), d.max()]).toEqual([0, 0, Infinity, -Infinity]);
  });

  test("stays accurate for values with a large offset", () => {
    const d = new DataSeries();
    for (let i = 0; i < 10_000; i++) d.record(1e9 + (i % 2));
    expect(d.variance()).toBeCloseTo(0.25, 9);
  });

  test("histogram has underflow, buckets and overflow", () => {
    const d = new DataSeries();
    d.setHistogram(0, 10, 5);
    for (const v of [-1, 0, 1.9, 2, 9.99, 10, 10.5]) d.record(v);
    // As in simjs, a value equal to `upper` lands in the overflow bucket.
    expect(d.getHistogram()).toEqual([1, 2, 1, 0, 0, 1, 2]);
    expect(() => d.setHistogram(5, 5, 2)).toThrow(RangeError);
  });
});

describe("TimeSeries and Population", () => {
  test("a time series weights each value by how long it held", () => {
    const t = new TimeSeries();
    t.record(2, 0);
    t.record(4, 1);
    t.record(0, 4);
    t.finalize(5);
    // 2 for 1 s, 4 for 3 s, 0 for 1 s.
    expect(t.average()).toBeCloseTo(14 / 5, 12);
    expect(t.max()).toBe(4);
    expect(t.count()).toBe(3);
  });

  test("a population tracks size over time and each stay", () => {
    const p = new Population("p");
    p.enter(0);
    p.enter(1);
    p.leave(0, 2);
    p.leave(1, 4);
    p.finalize(4);
    expect(p.current()).toBe(0);
    expect(p.durationSeries.average()).toBe(2.5);
    // size 1 on [0,1), 2 on [1,2), 1 on [2,4): area 5 over 4 s.
    expect(p.sizeSeries.average()).toBeCloseTo(5 / 4, 12);
  });
});
