/**
 * Workload benchmarks: trace reading, the Azure importers, and the code
 * analyzer, each in rows (or files) per second of wall time; a long import
 * also reports its peak resident memory (run it in a fresh process).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzePath } from "../sim/analysis/analyze.js";
import { RandomStreams } from "../sim/random/streams.js";
import { importAzure2019 } from "../traces/import/azure2019.js";
import { importAzure2021 } from "../traces/import/azure2021.js";
import { TraceReader } from "../traces/reader.js";
import { TraceWriter } from "../traces/writer.js";

const perSecond = (n: number, t0: bigint) => n / (Number(process.hrtime.bigint() - t0) / 1e9);

function azure2021File(dir: string, rows: number): string {
  const path = join(dir, "azure2021.csv");
  const lines = ["app,func,end_timestamp,duration"];
  for (let i = 0; i < rows; i++)
    lines.push(
      `app${i % 50},fn${i % 700},${(1 + i * 0.01).toFixed(3)},${(0.05 + (i % 13) * 0.01).toFixed(3)}`,
    );
  writeFileSync(path, lines.join("\n") + "\n");
  return path;
}

/** 2019 files whose counts add up to about `rows` invocations over the day. */
function azure2019Files(dir: string, rows: number) {
  const functions = 1000;
  const perMinute = Math.max(1, Math.round(rows / functions / 1440));
  const minutes = Array.from({ length: 1440 }, (_, i) => String(i + 1));
  const inv = [["HashOwner", "HashApp", "HashFunction", "Trigger", ...minutes].join(",")];
  const dur = [
    "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100",
  ];
  const mem = [
    "HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100",
  ];
  for (let f = 0; f < functions; f++) {
    inv.push(
      ["o", `a${f % 100}`, `f${f}`, "http", ...minutes.map(() => String(perMinute))].join(","),
    );
    dur.push(`o,a${f % 100},f${f},120,100,10,900,10,12,50,100,150,800,900`);
  }
  for (let a = 0; a < 100; a++) mem.push(`o,a${a},10,150,100,110,130,150,170,190,200,210`);
  const files = {
    invocations: join(dir, "inv.csv"),
    durations: join(dir, "dur.csv"),
    memory: join(dir, "mem.csv"),
  };
  writeFileSync(files.invocations, inv.join("\n") + "\n");
  writeFileSync(files.durations, dur.join("\n") + "\n");
  writeFileSync(files.memory, mem.join("\n") + "\n");
  return files;
}

async function write(
  out: string,
  batches: AsyncIterable<import("../traces/format.js").TraceRow[]>,
): Promise<number> {
  const w = new TraceWriter(out);
  let n = 0;
  for await (const b of batches) {
    await w.writeBatch(b);
    n += b.length;
  }
  await w.close();
  return n;
}

export async function traceBenchmarks(rows: number): Promise<Record<string, number>> {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-"));
  try {
    const in2021 = azure2021File(dir, rows);
    let t0 = process.hrtime.bigint();
    const n2021 = await write(join(dir, "t2021.csv"), importAzure2021(in2021));
    const import2021 = perSecond(n2021, t0);

    const files = azure2019Files(dir, rows);
    t0 = process.hrtime.bigint();
    const n2019 = await write(join(dir, "t2019.csv"), importAzure2019(files, new RandomStreams(1)));
    const import2019 = perSecond(n2019, t0);

    t0 = process.hrtime.bigint();
    const reader = new TraceReader(join(dir, "t2019.csv"));
    let read = 0;
    while (await reader.refill()) while (reader.take()) read++;
    const readRate = perSecond(read, t0);

    const corpus = new URL("../../traces/code/", import.meta.url).pathname;
    await analyzePath(corpus);
    t0 = process.hrtime.bigint();
    let analyzed = 0;
    for (let i = 0; i < 20; i++) analyzed += (await analyzePath(corpus)).length;
    return {
      azure2021RowsPerS: import2021,
      azure2019Rows: n2019,
      azure2019RowsPerS: import2019,
      traceReadRowsPerS: readRate,
      analyzerFilesPerS: perSecond(analyzed, t0),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One long Azure 2019 import (output discarded to a temp file), for peak memory. */
export async function longImport(rows: number): Promise<{ rows: number; rowsPerS: number }> {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-"));
  try {
    const files = azure2019Files(dir, rows);
    const t0 = process.hrtime.bigint();
    const n = await write(join(dir, "out.csv.gz"), importAzure2019(files, new RandomStreams(1)));
    return { rows: n, rowsPerS: perSecond(n, t0) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
