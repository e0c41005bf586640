import fc from "fast-check";
import { expect, test } from "vitest";
import { CsvBytes } from "../../sim/csv/csv-bytes.js";
import { csvCell, csvLine } from "../../reports/csv.js";

const cell = fc.oneof(
  fc.double(),
  fc.integer({ min: 0, max: 2 ** 40 }).map((micros) => micros / 1e6),
  fc.integer({ min: 0, max: 10 ** 9 }).map((cents) => cents / 100),
  fc.string({ maxLength: 12 }),
  fc.string({ maxLength: 12, unit: "binary" }),
  fc.constantFrom("a,b", 'say "hi"', "two\nlines", "cr\r", "ünï", "🙂", ""),
  // Long names that recur, as function ids do: the cached path.
  fc.constantFrom("f".repeat(64) + "/" + "a".repeat(64), "ü".repeat(30), `${"q".repeat(30)},"x"`),
);

test("bytes are the text csvLine writes, for any numbers and strings, recurring or not", () => {
  fc.assert(
    fc.property(
      fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 20 }),
      (rows) => {
        // A small buffer, so growing it is tested too.
        const out = new CsvBytes(8);
        for (const values of rows) {
          values.forEach((v, i) => {
            if (i > 0) out.comma();
            if (typeof v === "number") out.number(v);
            else if (i % 2 === 0) out.text(v);
            else out.repeatedText(v);
          });
          out.newline();
        }
        expect(out.take().toString("utf8")).toBe(rows.map(csvLine).join(""));
      },
    ),
    { numRuns: 3000, seed: 17 },
  );
});

test("numbers print as csvCell prints them, near the edges of the fast path", () => {
  const out = new CsvBytes(4);
  const xs = [
    0,
    -0,
    1e-6,
    1e-7,
    0.5,
    2 ** 32 - 1e-6,
    2 ** 32,
    4294967295.999999,
    1e21,
    NaN,
    -Infinity,
    1234567.000001,
    10,
    100000,
  ];
  for (const x of xs) {
    out.number(x);
    out.newline();
  }
  expect(out.take().toString()).toBe(xs.map((x) => csvCell(x) + "\n").join(""));
});

test("take hands the bytes over and starts afresh", () => {
  const out = new CsvBytes(4);
  out.header(["a", "b,c"]);
  const first = out.take();
  out.text("x");
  expect(first.toString()).toBe('a,"b,c"\n');
  expect(out.take().toString()).toBe("x");
  expect(out.length).toBe(0);
});
