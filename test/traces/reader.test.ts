import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, test } from "vitest";
import { TRACE_COLUMNS, type TraceRow } from "../../traces/format.js";
import { TraceError, TraceReader } from "../../traces/reader.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import { TraceWriter } from "../../traces/writer.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-trace-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function row(i: number): TraceRow {
  return {
    arrivalS: i * 0.25,
    functionId: `f${i % 7}`,
    codeId: `c${i % 3}`,
    paramsHash: i % 2 ? "ab12" : "",
    inputBytes: i % 3 ? 1024 * i : NaN,
    durationS: i % 5 === 0 ? NaN : 0.1 + (i % 10) / 100,
    cpuS: NaN,
    memoryMiB: 128 + (i % 4),
    ioReadMiB: NaN,
    ioWriteMiB: NaN,
    noticeLeadS: i % 9 === 0 ? 2 : NaN,
    noticeFunctionId: i % 18 === 0 ? `f${(i + 1) % 7}` : "",
    requestedProfile: i % 5 === 0 ? "Large" : "",
  };
}

async function readAll(file: string, opts = {}) {
  const reader = new TraceReader(file, { batchRows: 100, ...opts });
  const rows: TraceRow[] = [];
  let maxBuffered = 0;
  while (await reader.refill()) {
    maxBuffered = Math.max(maxBuffered, reader.buffered);
    for (let r = reader.take(); r; r = reader.take()) rows.push(r);
  }
  return { rows, maxBuffered, skipped: reader.skipped };
}

async function readError(text: string, opts = {}): Promise<TraceError> {
  const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(file, text);
  try {
    await readAll(file, opts);
  } catch (e) {
    if (e instanceof TraceError) return e;
    throw e;
  }
  throw new Error("expected a TraceError");
}

const HEADER = TRACE_COLUMNS.join(",");

describe("trace files", () => {
  test.each(["trace.csv", "trace.csv.gz"])(
    "%s: written and read back, streamed in batches",
    async (name) => {
      const file = join(dir, name);
      const w = new TraceWriter(file);
      const written = Array.from({ length: 30_000 }, (_, i) => row(i));
      for (const r of written) await w.write(r);
      await w.close();
      const { rows, maxBuffered } = await readAll(file);
      expect(rows).toEqual(written);
      // A batch of 100 rows plus at most one stream chunk of text (64 KiB).
      expect(maxBuffered).toBeLessThan(100 + 65536 / 20);
    },
  );

  test("gzip is recognised by its bytes, whatever the name", async () => {
    const file = join(dir, "zipped-without-suffix.csv");
    writeFileSync(file, gzipSync(`${HEADER}\n1,f,,,,,,,,,,,\n2,g,,,,,,,,,,,\n`));
    expect((await readAll(file)).rows.map((r) => r.functionId)).toEqual(["f", "g"]);
  });

  test("only arrival_s and function_id are required; missing measurements are NaN", async () => {
    const file = join(dir, "minimal.csv");
    writeFileSync(file, "arrival_s,function_id\n0.5,api\n\n1.5,db\n");
    const { rows } = await readAll(file);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ arrivalS: 1.5, functionId: "db", codeId: "" });
    expect(Number.isNaN(rows[1]!.memoryMiB)).toBe(true);
  });

  test.each([
    ["arrival_s,function_id\nx,f\n", 2, /arrival_s is not a number: "x"/],
    ["arrival_s,function_id\n1,f\n2,\n", 3, /function_id is empty/],
    [
      "arrival_s,function_id\n5,f\n4,g\n",
      3,
      /before the previous row's 5: rows must be in arrival order/,
    ],
    ["arrival_s,function_id\n1,f\n-2,g\n", 3, /arrival_s is negative/],
    ["arrival_s,function_id\n1,f,extra\n", 2, /expected 2 fields, found 3/],
    ["arrival,function_id\n1,f\n", 1, /missing column arrival_s/],
    ["arrival_s,function_id,colour\n1,f,red\n", 1, /unknown column colour/],
    ["arrival_s,function_id,memory_mib\n1,f,lots\n", 2, /memory_mib is not a number/],
    [
      "arrival_s,function_id,input_bytes\n1,f,10\n2,f,1.5\n",
      3,
      /input_bytes is not a whole number of bytes: "1.5"/,
    ],
    ["arrival_s,function_id,input_bytes\n1,f,-4\n", 2, /input_bytes is negative: -4/],
    ["arrival_s,function_id,input_bytes\n1,f,1MB\n", 2, /input_bytes is not a number: "1MB"/],
  ] as const)("a bad row names file and line: %j", async (text, line, message) => {
    const e = await readError(text);
    expect(e.line).toBe(line);
    expect(e.message).toMatch(message);
    expect(e.message).toMatch(/bad-.*\.csv:\d+: /);
  });

  test("lenient reading skips bad rows and counts them", async () => {
    const file = join(dir, "lenient.csv");
    writeFileSync(file, "arrival_s,function_id\n1,f\nx,g\n2,h\n3,\n4,i\n");
    const { rows, skipped } = await readAll(file, { lenient: true });
    expect(rows.map((r) => r.functionId)).toEqual(["f", "h", "i"]);
    expect(skipped).toBe(2);
  });

  test("a missing file is a TraceError", async () => {
    await expect(readAll(join(dir, "nope.csv"))).rejects.toThrow(/nope\.csv: no such file/);
  });

  test("fuzz: malformed text gives rows or a TraceError with a line, never a crash", async () => {
    let i = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ maxLength: 20 }), { maxLength: 12 }), async (lines) => {
        const file = join(dir, `fuzz-${i++}.csv`);
        writeFileSync(file, [HEADER, ...lines].join("\n"));
        try {
          const { rows } = await readAll(file);
          for (const r of rows) expect(Number.isFinite(r.arrivalS)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(TraceError);
          expect((e as TraceError).line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});

test("any rows the writer writes, papaparse reads back as they were", async () => {
  // Text as traces may hold it: commas, quotes, line breaks, non-ASCII (a
  // name is trimmed when read, so none here starts or ends with a space).
  const text = fc
    .string({
      maxLength: 10,
      unit: fc.constantFrom("a", "Z", "7", ",", '"', "\n", "\r", " ", "é", "🙂"),
    })
    .map((s) => s.trim());
  const measure = fc.oneof(fc.constant(NaN), fc.double({ min: 0, max: 1e9, noNaN: true }));
  const rowOf = fc.record({
    gapS: fc.double({ min: 0, max: 100, noNaN: true }),
    functionId: text.filter((s) => s !== ""),
    codeId: text,
    paramsHash: text,
    inputBytes: fc.oneof(fc.constant(NaN), fc.integer({ min: 0, max: 2 ** 40 })),
    durationS: measure,
    cpuS: measure,
    memoryMiB: measure,
    ioReadMiB: measure,
    ioWriteMiB: measure,
    noticeLeadS: measure,
    noticeFunctionId: text,
    requestedProfile: text,
  });
  let n = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(rowOf, { minLength: 1, maxLength: 30 }),
      fc.boolean(),
      async (drawn, gz) => {
        let t = 0;
        const rows: TraceRow[] = drawn.map(({ gapS, ...r }) => ({ ...r, arrivalS: (t += gapS) }));
        const file = join(dir, `roundtrip-${n++}.csv${gz ? ".gz" : ""}`);
        const w = new TraceWriter(file);
        await w.writeBatch(TraceBatch.of(rows));
        await w.close();
        expect((await readAll(file)).rows).toEqual(rows);
      },
    ),
    { numRuns: 150, seed: 4 },
  );
});

test("the writer's bytes are exactly the generic CSV line", async () => {
  const { csvLine } = await import("../../reports/csv.js");
  const { CsvBytes } = await import("../../sim/csv/csv-bytes.js");
  const { traceRowValues, writeTraceLine } = await import("../../traces/format.js");
  const odd = { ...row(3), functionId: 'a,"b"', codeId: "line\nbreak", paramsHash: "pläin" };
  const out = new CsvBytes(16);
  const rows = [row(0), row(5), row(9), odd, { ...row(2), arrivalS: 1e22, durationS: 1 / 3 }];
  const batch = TraceBatch.of(rows);
  for (let i = 0; i < batch.length; i++) writeTraceLine(out, batch, i);
  expect(out.take().toString()).toBe(rows.map((r) => csvLine(traceRowValues(r))).join(""));
});
