/**
 * The importers on malformed input: whatever the text, an import gives rows
 * in arrival order or stops with a TraceError naming the file and a line,
 * never another exception.
 */
import fc from "fast-check";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { RandomStreams } from "../../sim/random/streams.js";
import type { TraceBatch } from "../../traces/trace-batch.js";
import { importAzure2019 } from "../../traces/import/azure2019.js";
import { importAzure2021 } from "../../traces/import/azure2021.js";
import { TraceError } from "../../traces/reader.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-import-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function write(text: string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Rows in arrival order, or a TraceError about one of `paths` at a line. */
async function rowsOrTraceError(batches: AsyncIterable<TraceBatch>, paths: string[]) {
  try {
    let last = -Infinity;
    for await (const b of batches) {
      for (const r of b.rows()) {
        expect(r.arrivalS).toBeGreaterThanOrEqual(Math.max(0, last));
        expect(r.functionId).not.toBe("");
        last = r.arrivalS;
      }
    }
  } catch (e) {
    expect(e).toBeInstanceOf(TraceError);
    expect(paths).toContain((e as TraceError).file);
    expect((e as TraceError).line).toBeGreaterThanOrEqual(0);
  }
}

// Cells that are nearly right, and some that are not at all.
const cell = fc.oneof(
  fc.constantFrom("app1", "f1", "", " ", '"q,uoted"', '"open', "-1", "NaN", "1e400", "0x10"),
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: 0, max: 5000 }).map((ms) => (ms / 1000).toFixed(3)),
  fc.string({ maxLength: 8 }),
);
const line = fc.array(cell, { minLength: 0, maxLength: 6 }).map((cells) => cells.join(","));

test("Azure 2021: any text gives ordered rows or a TraceError with a line", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(line, { maxLength: 15 }), async (lines) => {
      const path = write(["app,func,end_timestamp,duration", ...lines].join("\n"));
      await rowsOrTraceError(importAzure2021(path, { parseThread: false }), [path]);
    }),
    { numRuns: 200, seed: 5 },
  );
});

test("Azure 2019: a cell of any file replaced by anything gives ordered rows or a TraceError", async () => {
  const minutes = Array.from({ length: 1440 }, (_, i) => String(i + 1));
  const valid = [
    [
      ["HashOwner", "HashApp", "HashFunction", "Trigger", ...minutes],
      ["o1", "a1", "f1", "http", ...minutes.map((m) => String(Number(m) % 4))],
      ["o1", "a1", "f2", "timer", ...minutes.map((m) => String(Number(m) % 2))],
    ],
    [
      "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100".split(
        ",",
      ),
      "o1,a1,f1,120,100,10,900,10,12,50,100,150,800,900".split(","),
    ],
    [
      "HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100".split(
        ",",
      ),
      "o1,a1,10,150,100,110,130,150,170,190,200,210".split(","),
    ],
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.nat(2),
      fc.nat(),
      fc.nat(),
      fc.oneof(cell, fc.constant("a\nb"), fc.constant(",")),
      async (which, row, column, value) => {
        const tables = valid.map((t) => t.map((r) => [...r]));
        const table = tables[which]!;
        const r = table[row % table.length]!;
        r[column % r.length] = value;
        const [invocations, durations, memory] = tables.map((t) =>
          write(t.map((cells) => cells.join(",")).join("\n")),
        ) as [string, string, string];
        await rowsOrTraceError(
          importAzure2019({ invocations, durations, memory }, new RandomStreams(1)),
          [invocations, durations, memory],
        );
      },
    ),
    { numRuns: 150, seed: 9 },
  );
});
