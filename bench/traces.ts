/**
 * Workload benchmarks, in rows (or files) per second of wall time: the
 * Azure importers to plain and gzip traces, trace reading, and the code
 * analyzer. The peer is papaparse itself reading the same 2021 file, which
 * every importer and reader here is built on: their ratio to it says how
 * much of the parser's speed survives conversion and writing. A long import
 * reports its peak resident memory (run it in a fresh process).
 */
import Papa from "papaparse";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzePath } from "../traces/code-files.js";
import { RandomStreams } from "../sim/random/streams.js";
import type { TraceBatch } from "../traces/trace-batch.js";
import { importAzure2019 } from "../traces/import/azure2019.js";
import { importAzure2021 } from "../traces/import/azure2021.js";
import { TraceReader } from "../traces/reader.js";
import { openTraceWriter } from "../traces/threaded-writer.js";
import { azure2019Files, azure2019Paths, azure2021File, type Names } from "./azure-inputs.js";

/** Rows per second of the best of `rounds` runs (the least disturbed by the machine's other work). */
async function rate(rounds: number, run: () => Promise<number>): Promise<number> {
  let best = 0;
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < rounds; i++) {
    collect?.();
    const t0 = process.hrtime.bigint();
    const n = await run();
    best = Math.max(best, n / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  return best;
}

/** Writes as `sim trace import` does (the 2021 import keeps a thread busy parsing). */
async function write(
  out: string,
  batches: AsyncIterable<TraceBatch>,
  busyThreads = 0,
): Promise<number> {
  const w = openTraceWriter(out, busyThreads);
  let n = 0;
  for await (const b of batches) {
    await w.writeBatch(b);
    n += b.length;
  }
  await w.close();
  return n;
}

/** Rows papaparse alone reads from a file, the way the importers call it. */
function papaparseRows(file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    Papa.parse<string[]>(createReadStream(file) as unknown as File, {
      skipEmptyLines: true,
      chunk: (r) => (n += r.data.length),
      complete: () => resolve(n - 1),
      error: reject,
    });
  });
}

async function readRows(file: string): Promise<number> {
  const reader = new TraceReader(file);
  let n = 0;
  while (await reader.refill()) while (reader.take()) n++;
  return n;
}

/** Rates of every contestant on inputs with `names`. */
async function ratesFor(dir: string, rows: number, rounds: number, names: Names) {
  const in2021 = azure2021File(dir, rows, names);
  const files2019 = azure2019Files(dir, rows, names);
  const out = (name: string) => join(dir, `${names}-${name}`);
  const streams = () => new RandomStreams(1);
  const r = {
    papaparse2021: await rate(rounds, () => papaparseRows(in2021)),
    azure2021: await rate(rounds, () => write(out("t2021.csv"), importAzure2021(in2021), 1)),
    azure2021Gzip: await rate(rounds, () => write(out("t2021.csv.gz"), importAzure2021(in2021), 1)),
    azure2019: await rate(rounds, () =>
      write(out("t2019.csv"), importAzure2019(files2019, streams())),
    ),
    azure2019Gzip: await rate(rounds, () =>
      write(out("t2019.csv.gz"), importAzure2019(files2019, streams())),
    ),
    readTrace: await rate(rounds, () => readRows(out("t2021.csv"))),
    readTraceGzip: await rate(rounds, () => readRows(out("t2021.csv.gz"))),
  };
  return {
    rowsPerS: r,
    bytesPerRow2021: statSync(in2021).size / rows,
    vsPapaparse: {
      azure2021: r.azure2021 / r.papaparse2021,
      azure2021Gzip: r.azure2021Gzip / r.papaparse2021,
      readTrace: r.readTrace / r.papaparse2021,
    },
  };
}

export async function traceBenchmarks(rows: number, rounds: number) {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-"));
  try {
    const hashed = await ratesFor(dir, rows, rounds, "hashed");
    const short = await ratesFor(dir, rows, rounds, "short");
    const corpus = new URL("../../traces/code/", import.meta.url).pathname;
    await analyzePath(corpus);
    const analyzerFilesPerS = await rate(rounds, async () => {
      let n = 0;
      for (let i = 0; i < 20; i++) n += (await analyzePath(corpus)).results.length;
      return n;
    });
    return { hashedNames: hashed, shortNames: short, analyzerFilesPerS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the input of a long import to a new directory, for longImport in a fresh process. */
export function longImportInput(format: LongFormat, names: Names, rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-"));
  if (format === "azure2021") azure2021File(dir, rows, names);
  else azure2019Files(dir, rows, names);
  return dir;
}

export type LongFormat = "azure2019" | "azure2021";

/**
 * One long import of the input in `dir`, to a plain trace file or to
 * /dev/null (the same formatting and writing, without the file system),
 * meant for a fresh process each. On this kind of machine a fresh gigabyte
 * of page cache is slow to come by, so the gap between the two is the
 * machine's, not the import's.
 */
export async function longImport(
  format: LongFormat,
  names: Names,
  dir: string,
  target: "file" | "null",
) {
  const batches =
    format === "azure2021"
      ? importAzure2021(join(dir, `azure2021-${names}.csv`))
      : importAzure2019(azure2019Paths(dir, names), new RandomStreams(1));
  const out = target === "file" ? join(dir, "out.csv") : "/dev/null";
  const t0 = process.hrtime.bigint();
  const rows = await write(out, batches, format === "azure2021" ? 1 : 0);
  const rowsPerS = rows / (Number(process.hrtime.bigint() - t0) / 1e9);
  const bytesOut = target === "file" ? statSync(out).size : 0;
  if (target === "file") rmSync(out);
  return { rows, rowsPerS, bytesOut };
}
