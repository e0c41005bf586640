import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { atPrecision, CSV_DECIMALS, csvValue } from "../../reports/csv-precision.js";
import { csvCell } from "../../reports/csv.js";
import { SUMMARY_CSV, TIMESERIES_CSV, type Term } from "../../reports/legend.js";
import { summaryCsv, summaryJson, timeseriesCsv } from "../../reports/summary-report.js";
import type { TimeseriesRow } from "../../sim/model/summary.js";
import { policy, report } from "./run-report-fixture.js";

const NOISY = 1.5359999999999998; // 8 x 0.192, summed as a bill is

/** Decimals in a CSV cell's text. */
const decimals = (cell: string) => (cell.includes(".") ? cell.split(".")[1]!.length : 0);

function cellsByColumn(csv: string): Map<string, string[]> {
  const [header, ...rows] = csv
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  return new Map(header!.map((name, c) => [name, rows.map((r) => r[c]!)]));
}

function checkPrecision(csv: string, terms: Record<string, Term>): void {
  for (const [name, cells] of cellsByColumn(csv)) {
    const unit = terms[name]!.unit;
    const max = unit in CSV_DECIMALS ? CSV_DECIMALS[unit as keyof typeof CSV_DECIMALS] : Infinity;
    for (const cell of cells) expect(decimals(cell), `${name}: ${cell}`).toBeLessThanOrEqual(max);
  }
}

describe("CSV precision", () => {
  test("one fixed number of decimals per unit", () => {
    expect(atPrecision(NOISY, "usd")).toBe(1.536);
    expect(csvCell(atPrecision(0.1 + 0.2, "ratio"))).toBe("0.3");
    expect(csvCell(atPrecision(1.23456789, "seconds"))).toBe("1.234568");
    expect(csvCell(atPrecision(7.0000001, "count"))).toBe("7");
    expect(csvCell(atPrecision(-1e-9, "usd"))).toBe("0");
    expect(csvValue("0.1234567", "text")).toBe("0.1234567");
    expect(csvValue(123456789, "id")).toBe(123456789);
  });

  test("every rounded number is the closest with that many decimals, and prints no longer", () => {
    for (const [unit, d] of Object.entries(CSV_DECIMALS)) {
      fc.assert(
        fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), (x) => {
          const text = csvCell(atPrecision(x, unit as keyof typeof CSV_DECIMALS));
          expect(decimals(text)).toBeLessThanOrEqual(d);
          expect(Math.abs(Number(text) - x)).toBeLessThanOrEqual(
            0.5 * 10 ** -d * (1 + 1e-9) + 1e-9,
          );
        }),
      );
    }
  });

  test("summary.csv and timeseries.csv carry no float noise; summary.json keeps every digit", () => {
    const r = report([
      policy("a", {
        costUsd: NOISY,
        idleCostUsd: NOISY / 3,
        utilization: 2 / 3,
        latencyS: { mean: 0.1 + 0.2, p50: 1 / 7, p95: 0.4, p99: 0.6, max: 1 },
        meanInstances: 16 / 3,
        ci95: { costUsd: 0.1 / 3 },
      }),
    ]);
    const csv = summaryCsv(r);
    expect(csv).not.toContain("1.5359999999999998");
    const cells = cellsByColumn(csv);
    expect(cells.get("cost_usd")).toEqual(["1.536"]);
    expect(cells.get("utilization")).toEqual(["0.666667"]);
    expect(cells.get("latency_mean_s")).toEqual(["0.3"]);
    expect(cells.get("mean_instances")).toEqual(["5.333"]);
    expect(cells.get("cost_usd_ci95")).toEqual(["0.033333"]);
    checkPrecision(csv, SUMMARY_CSV);
    expect(JSON.parse(summaryJson(r)).policies[0].costUsd).toBe(NOISY);

    const row: TimeseriesRow = {
      policy: "a",
      timeS: 0.1 * 3,
      type: "m5.large",
      booting: 0,
      idle: 1,
      busy: 7,
      draining: 0,
      queueLength: 3,
      costUsdPerHour: NOISY,
    };
    const ts = timeseriesCsv([row]);
    expect(ts.split("\n")[1]).toBe("a,0.3,m5.large,0,1,7,0,3,1.536");
    checkPrecision(ts, TIMESERIES_CSV);
  });
});
