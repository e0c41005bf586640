/**
 * Azure Functions inputs for the trace benchmarks, in the datasets' exact
 * schemas, written in pieces so that even 10^7 rows never sit in memory.
 * Names are the datasets' kind (64-hex-digit hashes, so rows of about 145
 * bytes) or short ones ("app3", about 30 bytes), to show what row length
 * costs.
 */
import { createHash } from "node:crypto";
import { closeSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Azure2019Files } from "../traces/import/azure2019.js";

export type Names = "hashed" | "short";

const namer = (names: Names) => (s: string) =>
  names === "hashed" ? createHash("sha256").update(s).digest("hex") : s;

/** Writes lines to a file a megabyte at a time. */
function lineFile(path: string, header: string, lines: (emit: (line: string) => void) => void) {
  const fd = openSync(path, "w");
  let piece = header + "\n";
  lines((line) => {
    piece += line + "\n";
    if (piece.length > 1 << 20) {
      writeSync(fd, piece);
      piece = "";
    }
  });
  writeSync(fd, piece);
  closeSync(fd);
}

/**
 * 2021: `rows` invocations of 700 functions in 50 apps, a hundred a second,
 * in end order. Durations are mostly short, with one in a thousand running
 * a minute; the import holds the default ten-minute reorder window, 60,000
 * rows.
 */
export function azure2021File(dir: string, rows: number, names: Names): string {
  const path = join(dir, `azure2021-${names}.csv`);
  const hash = namer(names);
  const apps = Array.from({ length: 50 }, (_, i) => hash(`app${i}`));
  const funcs = Array.from({ length: 700 }, (_, i) => hash(`func${i}`));
  lineFile(path, "app,func,end_timestamp,duration", (emit) => {
    for (let i = 0; i < rows; i++) {
      const durationMs = i % 1000 === 999 ? 60_000 : 1 + ((i * 7919) % 2500);
      const endMs = 60_000 + 10 * i;
      emit(
        `${apps[i % 50]},${funcs[(i * 31) % 700]},${(endMs / 1000).toFixed(3)},${(durationMs / 1000).toFixed(3)}`,
      );
    }
  });
  return path;
}

export function azure2019Paths(dir: string, names: Names): Required<Azure2019Files> {
  return {
    invocations: join(dir, `invocations_per_function_md.anon.${names}.csv`),
    durations: join(dir, `function_durations_percentiles.anon.${names}.csv`),
    memory: join(dir, `app_memory_percentiles.anon.${names}.csv`),
  };
}

/** 2019: 1,000 functions in 100 apps whose counts add up to about `rows` over the day. */
export function azure2019Files(dir: string, rows: number, names: Names): Required<Azure2019Files> {
  const hash = namer(names);
  const functions = 1000;
  const perMinute = Math.max(1, Math.round(rows / functions / 1440));
  const minutes = Array.from({ length: 1440 }, (_, i) => String(i + 1));
  const owner = (f: number) => hash(`owner${f % 20}`);
  const app = (f: number) => hash(`app${f % 100}`);
  const files = azure2019Paths(dir, names);
  lineFile(
    files.invocations,
    ["HashOwner", "HashApp", "HashFunction", "Trigger", ...minutes].join(","),
    (emit) => {
      for (let f = 0; f < functions; f++) {
        const counts = minutes.map((_, m) => String(perMinute + ((f + m) % 3) - 1));
        emit([owner(f), app(f), hash(`function${f}`), "http", ...counts].join(","));
      }
    },
  );
  lineFile(
    files.durations,
    "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100",
    (emit) => {
      for (let f = 0; f < functions; f++)
        emit(
          `${owner(f)},${app(f)},${hash(`function${f}`)},120,100,10,900,10,12,50,100,150,800,900`,
        );
    },
  );
  lineFile(
    files.memory,
    "HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100",
    (emit) => {
      for (let a = 0; a < 100; a++)
        emit(`${owner(a)},${app(a)},10,150,100,110,130,150,170,190,200,210`);
    },
  );
  return files;
}
