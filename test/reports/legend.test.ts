import { describe, expect, test } from "vitest";
import { columnsOf } from "../../reports/csv-columns.js";
import { UNIT_NAMES } from "../../reports/csv-precision.js";
import {
  CSV_FILES,
  legendText,
  SUMMARY_CSV,
  TABLE_ROWS,
  TIMESERIES_CSV,
  type Term,
} from "../../reports/legend.js";
import { LEGEND_POINTER, runText } from "../../reports/run-text.js";
import { summaryCsv, summaryTable, timeseriesCsv } from "../../reports/summary-report.js";
import { policy, report } from "./run-report-fixture.js";

const r = report([policy("a"), policy("b")]);
const header = (csv: string) => csv.split("\n")[0]!.split(",");
/** The first column of the table's body, as wide as the rule under its header: the row labels. */
function rowLabels(table: string): string[] {
  const [, , rule, ...body] = table.trimEnd().split("\n");
  const width = rule!.indexOf(" ");
  return body.map((l) => l.slice(0, width).trimEnd());
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("the legend", () => {
  test("defines every column of summary.csv and timeseries.csv, and no column they lack", () => {
    expect(header(summaryCsv(r))).toEqual(Object.keys(SUMMARY_CSV));
    const ts = timeseriesCsv([
      {
        policy: "a",
        timeS: 0,
        type: "",
        booting: 0,
        idle: 0,
        busy: 0,
        draining: 0,
        queueLength: 0,
        costUsdPerHour: 0,
      },
    ]);
    expect(header(ts)).toEqual(Object.keys(TIMESERIES_CSV));
  });

  test("defines every row of the table, and no row it lacks", () => {
    expect(rowLabels(summaryTable(r, 0.99))).toEqual(Object.keys(TABLE_ROWS));
  });

  test("a column without a definition cannot be written", () => {
    expect(() => columnsOf("summary.csv", { nope: () => 1 } as never)).toThrow(
      'summary.csv: column "nope" has no definition in reports/legend.ts',
    );
  });

  test("--explain prints every row and every column with its meaning and unit", () => {
    const text = legendText();
    for (const [row, means] of Object.entries(TABLE_ROWS))
      expect(text).toMatch(new RegExp(`\\n  ${escape(row.trim())} +${escape(means)}\\n`));
    for (const [file, { terms }] of Object.entries(CSV_FILES)) {
      const part = text.slice(text.indexOf(`\n${file}:`));
      for (const [name, t] of Object.entries(terms as Record<string, Term>)) {
        expect(t.means.length).toBeGreaterThan(0);
        expect(part).toMatch(
          new RegExp(`\\n  ${name} +${escape(t.means)} \\(${UNIT_NAMES[t.unit]}\\)\\n`),
        );
      }
    }
    expect(text).toMatch(/seconds to 6 decimals/);
  });

  test("one line under the table points at it; with --explain the legend replaces it", () => {
    const plain = runText(r, { slaTarget: 0.99 });
    const lines = plain.split("\n");
    const pointer = lines.indexOf(`(${LEGEND_POINTER})`);
    expect(pointer).toBe(3 + Object.keys(TABLE_ROWS).length);
    expect(lines[pointer + 1]).toMatch(/^verdict: /);
    const explained = runText(r, { slaTarget: 0.99, explain: true });
    expect(explained).not.toContain(LEGEND_POINTER);
    expect(explained.endsWith(legendText())).toBe(true);
  });
});
