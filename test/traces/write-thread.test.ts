/**
 * The threaded trace writer formats and writes on a thread of its own; it
 * runs compiled code, so these tests use the build (`npm test` builds
 * first). Its bytes must be TraceWriter's.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, test } from "vitest";
import type { TraceRow } from "../../traces/format.js";
import { TraceBatch } from "../../traces/trace-batch.js";
import type * as Threaded from "../../traces/threaded-writer.js";
import type * as Writer from "../../traces/writer.js";
import type * as Reader from "../../traces/reader.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-write-thread-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const built = (path: string) => new URL(`../../dist/traces/${path}`, import.meta.url).href;
const { ThreadedTraceWriter } = (await import(built("threaded-writer.js"))) as typeof Threaded;
const { TraceWriter } = (await import(built("writer.js"))) as typeof Writer;
const { TraceError } = (await import(built("reader.js"))) as typeof Reader;

function row(i: number): TraceRow {
  return {
    arrivalS: i / 7,
    functionId: i % 3 === 0 ? `${"h".repeat(64)}/${i % 11}` : `f${i % 5}`,
    codeId: i % 4 === 0 ? "sort/quicksort.py" : "",
    paramsHash: i % 6 === 0 ? `p${i}` : "",
    inputBytes: i % 4 === 1 ? 4096 + i : NaN,
    durationS: i % 5 === 0 ? NaN : 0.001 * (i % 97),
    cpuS: i % 2 ? NaN : 1 / (i + 1),
    memoryMiB: 128 + (i % 9),
    ioReadMiB: NaN,
    ioWriteMiB: i % 13 === 0 ? 2.5 : NaN,
    noticeLeadS: i % 8 === 0 ? 3 : NaN,
    noticeFunctionId: i % 16 === 0 ? 'odd,"name"' : "",
    requestedProfile: i % 9 === 0 ? "Large" : "",
  };
}

test.each(["t.csv", "t.csv.gz"])("%s: the thread writes TraceWriter's bytes", async (name) => {
  const rows = Array.from({ length: 60_000 }, (_, i) => row(i));
  const here = new TraceWriter(join(dir, `here-${name}`));
  const there = new ThreadedTraceWriter(join(dir, `there-${name}`));
  for (let i = 0; i < rows.length; i += 7_000) {
    await here.writeBatch(TraceBatch.of(rows.slice(i, i + 7_000)));
    await there.writeBatch(TraceBatch.of(rows.slice(i, i + 7_000)));
  }
  await here.close();
  await there.close();
  const text = (f: string) => {
    const bytes = readFileSync(join(dir, f));
    return (f.endsWith(".gz") ? gunzipSync(bytes) : bytes).toString();
  };
  expect(text(`there-${name}`)).toBe(text(`here-${name}`));
  expect(text(`here-${name}`).split("\n")).toHaveLength(60_002);
});

test("a file that cannot be written is a TraceError, from either writer", async () => {
  for (const w of [
    new TraceWriter(join(dir, "missing", "a.csv")),
    new ThreadedTraceWriter(join(dir, "missing", "b.csv")),
  ]) {
    const run = async () => {
      await w.writeBatch(TraceBatch.of([row(1)]));
      await w.close();
    };
    await expect(run()).rejects.toThrow(TraceError);
  }
});
