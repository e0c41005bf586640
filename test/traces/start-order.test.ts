import fc from "fast-check";
import { expect, test } from "vitest";
import { PairInterner } from "../../traces/interner.js";
import { StartOrder } from "../../traces/import/start-order.js";
import { TraceBatch } from "../../traces/trace-batch.js";

test("rows leave in start order, ties in the order they came", () => {
  const op = fc.oneof(
    fc.record({ add: fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 40 }) }),
    fc.record({ pop: fc.integer({ min: 1, max: 30 }) }),
  );
  fc.assert(
    fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const held = new StartOrder();
      const model: { start: number; seq: number }[] = [];
      let seq = 0;
      for (const o of ops) {
        if ("add" in o) {
          const seqs = o.add.map(() => seq++);
          held.add(
            Float64Array.from(o.add),
            Float64Array.from(seqs),
            seqs.map((q) => `f${q}`),
            o.add.length,
          );
          o.add.forEach((start, i) => model.push({ start, seq: seqs[i]! }));
        } else {
          model.sort((a, b) => a.start - b.start || a.seq - b.seq);
          for (let k = 0; k < o.pop && model.length > 0; k++) {
            const want = model.shift()!;
            expect(held.earliest).toBe(want.start);
            const out = new TraceBatch(1);
            expect(held.popInto(out)).toBe(want.start);
            const row = out.row(0);
            expect([row.arrivalS, row.durationS, row.functionId]).toEqual([
              want.start,
              want.seq,
              `f${want.seq}`,
            ]);
          }
        }
        expect(held.size).toBe(model.length);
      }
    }),
    { numRuns: 300, seed: 3 },
  );
});

test("the interner numbers each pair once and gives one string per pair", () => {
  const ids = new PairInterner("/");
  const a = ids.indexOf("app", "f1");
  expect(ids.indexOf("app", "f2")).toBe(a + 1);
  expect(ids.indexOf("ap", "pf1")).toBe(a + 2);
  expect(ids.indexOf("app", "f1".slice(0))).toBe(a);
  expect(ids.joined(a)).toBe("app/f1");
  expect(ids.count).toBe(3);
});

test("names that differ only where the sampled hash does not look stay apart", () => {
  const ids = new PairInterner("/");
  // 64-character names that differ in two unsampled positions share a slot
  // chain until the table hashes every character.
  const name = (k: number) =>
    "x".repeat(29) +
    String.fromCharCode(97 + (k % 26)) +
    String.fromCharCode(97 + ((k / 26) | 0)) +
    "y".repeat(33);
  for (let k = 0; k < 600; k++) expect(ids.indexOf(name(k), "f")).toBe(k);
  for (let k = 0; k < 600; k++) {
    expect(ids.indexOf(name(k), "f")).toBe(k);
    expect(ids.joined(k)).toBe(`${name(k)}/f`);
  }
  expect(ids.count).toBe(600);
});
