import { expect, test } from "vitest";
import { rateChart, traceStatsTable } from "../../reports/trace-stats-report.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { TraceStatsBuilder } from "../../traces/trace-stats.js";

function measuredRow(t: number, fn: string, durationS: number, memoryMiB: number) {
  const b = new TraceBatch(1);
  b.pushMeasured(t, fn, durationS, memoryMiB);
  return b.row(0);
}

/** 600 requests over 10 minutes: f0 twice as often as f1 and f2, a burst in minute 4. */
function built() {
  const b = new TraceStatsBuilder();
  for (let i = 0; i < 600; i++) {
    const t = i;
    const fn = ["f0", "f1", "f0", "f2"][i % 4]!;
    const row = { ...measuredRow(t, fn, 0.01 * (1 + (i % 100)), i % 2 ? NaN : 256) };
    b.add(
      i % 10 === 0 ? { ...row, noticeLeadS: 5, noticeFunctionId: i % 20 === 0 ? "f9" : "" } : row,
    );
  }
  for (let k = 0; k < 120; k++) b.add(measuredRow(240 + k / 4, "f3", NaN, NaN));
  return b.stats();
}

test("counts, span, rates and the busiest minute", () => {
  const s = built();
  expect(s.rows).toBe(720);
  expect(s.functions).toBe(4);
  expect(s.ratePerMinute).toHaveLength(10);
  expect(s.ratePerMinute[0]).toBeCloseTo(1, 12);
  // Minute 4 holds its 60 plus the burst of 120.
  expect(s.peakMinute).toEqual({ startS: 240, ratePerS: 3 });
  expect(s.topFunctions.map((f) => f.id)).toEqual(["f0", "f1", "f2", "f3"]);
  expect(s.topFunctions[0]!.share).toBeCloseTo(300 / 720, 12);
});

test("measured distributions and notices, over the rows that have them", () => {
  const s = built();
  expect(s.durationS!.count).toBe(600);
  expect(s.durationS!.max).toBeCloseTo(1, 12);
  // Quantiles within the sketch's 1%.
  expect(s.durationS!.p50).toBeGreaterThanOrEqual(0.5);
  expect(s.durationS!.p50).toBeLessThanOrEqual(0.5 * 1.01);
  expect(s.memoryMiB!.count).toBe(300);
  expect(s.cpuS).toBeNull();
  expect(s.notices!.share).toBeCloseTo(60 / 720, 12);
  expect(s.notices!.wrongShare).toBeCloseTo(0.5, 12);
  const table = traceStatsTable("t.csv", s);
  expect(table).toMatch(/720 requests over 10 min, 4 functions/);
  expect(table).toMatch(/busiest minute 3\.00\/s at 4 min/);
  expect(table).toMatch(/8\.3% of requests announced, 50\.0% of them naming another function/);
});

test("the rate chart: a column per minute up to 60, scaled from zero to the highest", () => {
  expect(rateChart([])).toBe("");
  expect(rateChart([0, 1, 2, 4])).toBe("▁▂▄█");
  const long = rateChart(Array.from({ length: 600 }, (_, m) => (m < 300 ? 1 : 2)));
  expect([...long]).toHaveLength(60);
  expect(long).toBe("▄".repeat(30) + "█".repeat(30));
});
