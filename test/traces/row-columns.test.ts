import { expect, test } from "vitest";
import { fromColumns, NameNumbers, toColumns } from "../../traces/row-columns.js";
import { TraceBatch } from "../../traces/trace-batch.js";

const batch = (from: number, n: number, name: (i: number) => string): TraceBatch => {
  const b = new TraceBatch(16);
  for (let i = from; i < from + n; i++) {
    b.pushMeasured(i / 3, name(i), 0.01 * i, NaN);
    b.codeId[b.length - 1] = `code${i % 4}`;
  }
  return b;
};

test("rows cross as columns and come back the same, names sent once", () => {
  const sender = new NameNumbers();
  const known: string[] = [];
  const first = batch(0, 100, (i) => `f${i % 7}`);
  const c1 = toColumns(first, sender);
  expect(fromColumns(c1, known).rows()).toEqual(first.rows());
  // The batch sent is left whole.
  expect(first.length).toBe(100);
  const second = batch(100, 100, (i) => `f${i % 9}`);
  const c2 = toColumns(second, sender);
  // Only f7 and f8 are new; the other names went with the first batch.
  expect(c2.newNames).toEqual(["f7", "f8"]);
  expect(fromColumns(c2, known).rows()).toEqual(second.rows());
});

test("a name per row does not grow the dictionaries past their bound", () => {
  const sender = new NameNumbers(500);
  const known: string[] = [];
  for (let b = 0; b < 20; b++) {
    const rows = batch(b * 100, 100, (i) => `request-${i}`);
    expect(fromColumns(toColumns(rows, sender), known).rows()).toEqual(rows.rows());
    // A batch starts afresh once the bound is passed: at most bound + a batch of names.
    expect(known.length).toBeLessThanOrEqual(500 + 100 + 5);
  }
});
