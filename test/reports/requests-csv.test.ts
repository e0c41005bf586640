import fc from "fast-check";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { csvLine } from "../../reports/csv.js";
import { csvValue } from "../../reports/csv-precision.js";
import { REQUESTS_CSV } from "../../reports/legend.js";
import { REQUEST_COLUMNS, RequestsCsv } from "../../reports/requests-csv.js";
import type { RequestRecord } from "../../sim/model/summary.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-requests-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The line csvLine gives for a request's cells, each at its legend unit's precision. */
function textLine(r: RequestRecord): string {
  const units = Object.values(REQUESTS_CSV).map((t) => t.unit);
  const cells = [
    r.policy,
    r.id,
    r.functionId,
    r.arrivalS,
    r.startS,
    r.endS,
    r.endS - r.arrivalS,
    r.outcome,
    r.instanceType,
    r.instanceId < 0 ? "" : r.instanceId,
    r.cold,
  ];
  return csvLine(cells.map((c, i) => csvValue(c, units[i]!)));
}

const time = fc.oneof(
  fc.double({ min: 0, max: 1e7, noNaN: true }),
  fc.integer({ min: 0, max: 10_000_000 }).map((n) => n / 1000),
  fc.constantFrom(NaN, Infinity, -0, 2 ** 33 + 0.5),
);
const record: fc.Arbitrary<RequestRecord> = fc.record({
  policy: fc.oneof(fc.constantFrom("static", "faas-1m", 'a "quoted", label', "ünï"), fc.string()),
  id: fc.nat(),
  functionId: fc.nat(),
  arrivalS: time,
  startS: time,
  endS: time,
  outcome: fc.constantFrom("completed", "failed-oom", "failed-timeout", "rejected"),
  instanceType: fc.constantFrom("", "t3.medium", "lambda-1769", "a-very-long-instance-type-name-x"),
  instanceId: fc.integer({ min: -1, max: 5000 }),
  cold: fc.boolean(),
});

test("requests.csv has the bytes csvLine gives at legend precision, row for row, across chunks", () => {
  let n = 0;
  fc.assert(
    fc.property(fc.array(record, { maxLength: 3000 }), (records) => {
      const path = join(tmp, `r${n++}.csv`);
      const csv = new RequestsCsv(path);
      for (const r of records) csv.add(r);
      csv.close();
      csv.close();
      const expected = csvLine([...REQUEST_COLUMNS]) + records.map(textLine).join("");
      expect(readFileSync(path, "utf8")).toBe(expected);
    }),
    { numRuns: 40 },
  );
});
