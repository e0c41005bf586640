import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { RandomStreams } from "../../sim/random/streams.js";
import type { TraceRow } from "../../traces/format.js";
import type { TraceBatch } from "../../traces/trace-batch.js";
import { importAzure2019 } from "../../traces/import/azure2019.js";
import { importAzure2021, type Azure2021Stats } from "../../traces/import/azure2021.js";
import { TraceError, TraceReader } from "../../traces/reader.js";

const dir = mkdtempSync(join(tmpdir(), "provisim-azure-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function collect(batches: AsyncIterable<TraceBatch>): Promise<TraceRow[]> {
  const out: TraceRow[] = [];
  for await (const b of batches) out.push(...b.rows());
  return out;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The 2019 files, in their exact schemas: 1440 minute columns, percentiles in ms and MB. */
function azure2019Files(
  counts: Record<string, Record<number, number | string>>,
  durationRows?: string,
) {
  const minutes = Array.from({ length: 1440 }, (_, i) => String(i + 1));
  const invocations = [
    ["HashOwner", "HashApp", "HashFunction", "Trigger", ...minutes].join(","),
    ...Object.entries(counts).map(([fn, byMinute]) => {
      const [owner, app] = fn === "f1" ? ["o1", "a1"] : ["o1", "a2"];
      return [owner, app, fn, "http", ...minutes.map((m) => String(byMinute[Number(m)] ?? 0))].join(
        ",",
      );
    }),
  ].join("\n");
  const durations =
    durationRows ??
    [
      "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100",
      "o1,a1,f1,120,100,10,900,10,12,50,100,150,800,900",
    ].join("\n");
  const memory = [
    "HashOwner,HashApp,SampleCount,AverageAllocatedMb,AverageAllocatedMb_pct1,AverageAllocatedMb_pct5,AverageAllocatedMb_pct25,AverageAllocatedMb_pct50,AverageAllocatedMb_pct75,AverageAllocatedMb_pct95,AverageAllocatedMb_pct99,AverageAllocatedMb_pct100",
    "o1,a1,10,150,100,110,130,150,170,190,200,210",
  ].join("\n");
  const tag = Math.random().toString(36).slice(2);
  return {
    invocations: file(`inv-${tag}.csv`, invocations),
    durations: file(`dur-${tag}.csv`, durations),
    memory: file(`mem-${tag}.csv`, memory),
  };
}

describe("Azure Functions 2019", () => {
  test("every counted invocation becomes a request inside its minute, in arrival order", async () => {
    const files = azure2019Files({ f1: { 1: 3, 2: 1, 1440: 2 }, f2: { 1: 2, 600: 5 } });
    const rows = await collect(importAzure2019(files, new RandomStreams(1)));
    expect(rows).toHaveLength(13);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.arrivalS).toBeGreaterThanOrEqual(rows[i - 1]!.arrivalS);
    const f1 = rows.filter((r) => r.functionId === "o1/a1/f1");
    expect(f1.filter((r) => r.arrivalS < 60)).toHaveLength(3);
    expect(f1.filter((r) => r.arrivalS >= 60 && r.arrivalS < 120)).toHaveLength(1);
    expect(f1.filter((r) => r.arrivalS >= 1439 * 60)).toHaveLength(2);
    for (const r of f1) {
      expect(r.durationS).toBeGreaterThanOrEqual(0.01);
      expect(r.durationS).toBeLessThanOrEqual(0.9);
      expect(r.memoryMiB).toBeGreaterThanOrEqual(100);
      expect(r.memoryMiB).toBeLessThanOrEqual(210);
    }
    // f2's function and app have no percentiles: no measurements.
    expect(
      rows.filter((r) => r.functionId === "o1/a2/f2").every((r) => Number.isNaN(r.durationS)),
    ).toBe(true);
    // Deterministic by seed.
    expect(await collect(importAzure2019(files, new RandomStreams(1)))).toEqual(rows);
    expect(await collect(importAzure2019(files, new RandomStreams(2)))).not.toEqual(rows);
  });

  test("sampled durations follow the percentiles", async () => {
    const files = azure2019Files({ f1: { 5: 20_000 } });
    const d = (await collect(importAzure2019(files, new RandomStreams(3))))
      .map((r) => r.durationS)
      .sort((a, b) => a - b);
    expect(d[Math.floor(d.length / 2)]! * 1000).toBeCloseTo(100, -1);
    expect(d[Math.floor(d.length * 0.25)]! * 1000).toBeCloseTo(50, -1);
  });

  test("each function's instants are uniform over its minute, and independent of the others'", async () => {
    const files = azure2019Files({ f1: { 5: 20_000 }, f2: { 5: 10_000 } });
    const rows = await collect(importAzure2019(files, new RandomStreams(4)));
    expect(rows).toHaveLength(30_000);
    for (const [fn, n] of [
      ["o1/a1/f1", 20_000],
      ["o1/a2/f2", 10_000],
    ] as const) {
      const deciles = new Array<number>(10).fill(0);
      for (const r of rows.filter((r) => r.functionId === fn)) {
        const fraction = (r.arrivalS - 4 * 60) / 60;
        expect(fraction).toBeGreaterThanOrEqual(0);
        expect(fraction).toBeLessThanOrEqual(1);
        deciles[Math.min(9, Math.floor(fraction * 10))]!++;
      }
      // Chi-square with 9 degrees of freedom: 27.9 is its 99.9th percentile.
      const chi2 = deciles.reduce((sum, c) => sum + (c - n / 10) ** 2 / (n / 10), 0);
      expect(chi2).toBeLessThan(27.9);
    }
    // Dealt at random: f1's share of each tenth of the minute stays near 2/3.
    for (let d = 0; d < 10; d++) {
      const slice = rows.filter((r) => Math.floor(((r.arrivalS - 240) / 60) * 10) === d);
      const share = slice.filter((r) => r.functionId === "o1/a1/f1").length / slice.length;
      expect(Math.abs(share - 2 / 3)).toBeLessThan(5 * Math.sqrt(2 / 9 / slice.length));
    }
  });

  test.each([
    [
      { f1: { 3: "x" } },
      undefined,
      /inv-.*\.csv:2: minute 3 count is not a whole number >= 0: "x"/,
    ],
    [{ f1: { 3: 1.5 } }, undefined, /minute 3 count/],
    [
      { f1: { 1: 1 } },
      "HashOwner,HashApp,HashFunction,Average,Count,Minimum,Maximum,percentile_Average_0,percentile_Average_1,percentile_Average_25,percentile_Average_50,percentile_Average_75,percentile_Average_99,percentile_Average_100\no1,a1,f1,1,1,1,1,10,12,50,40,150,800,900",
      /dur-.*\.csv:2: percentiles decrease: percentile_Average_50 < percentile_Average_25/,
    ],
    [{ f1: { 1: 1 } }, "HashOwner,HashFunction\no1,f1", /dur-.*\.csv:1: missing column HashApp/],
  ] as const)("malformed input names file and line: %#", async (counts, durations, message) => {
    const files = azure2019Files(
      counts as Record<string, Record<number, number | string>>,
      durations,
    );
    const run = collect(importAzure2019(files, new RandomStreams(1)));
    await expect(run).rejects.toThrow(TraceError);
    await expect(collect(importAzure2019(files, new RandomStreams(1)))).rejects.toThrow(message);
  });
});

describe("Azure Functions 2021", () => {
  test("invocations sorted by end become requests sorted by start", async () => {
    const path = file(
      "inv2021.csv",
      [
        "app,func,end_timestamp,duration",
        "a,f,1.0,2.5",
        "a,g,2.0,0.5",
        "b,f,3.0,2.9",
        "a,f,3.5,0.1",
        "b,h,10,0.2",
      ].join("\n"),
    );
    const stats: Azure2021Stats = { startedBeforeTrace: 0 };
    const rows = await collect(importAzure2021(path, { stats }));
    // The first started at -1.5, before the trace: left out and counted.
    expect(stats.startedBeforeTrace).toBe(1);
    [0.1, 1.5, 3.4, 9.8].forEach((t, i) => expect(rows[i]!.arrivalS).toBeCloseTo(t, 12));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.functionId)).toEqual(["b/f", "a/g", "a/f", "b/h"]);
    expect(rows[0]!.durationS).toBe(2.9);
  });

  test("a run that would go before rows already written is an error; a longer window orders it", async () => {
    // Rows are released a batch at a time, so the long run comes after
    // several batches of short ones, a second apart.
    const text = [
      "app,func,end_timestamp,duration",
      ...Array.from({ length: 20_000 }, (_, i) => `a,short,${10 + i},0.5`),
      "a,long,20010,5000",
      "a,short,20011,0.5",
    ].join("\n");
    const path = file("long-run.csv", text);
    await expect(collect(importAzure2021(path, { reorderWindowS: 60 }))).rejects.toThrow(
      /long-run\.csv:20002: starts at 15010 \(it ran 5000 s\), .* more than the reorder window of 60 s/,
    );
    const rows = await collect(importAzure2021(path, { reorderWindowS: 6000 }));
    expect(rows).toHaveLength(20_002);
    for (let i = 1; i < rows.length; i++)
      expect(rows[i]!.arrivalS).toBeGreaterThanOrEqual(rows[i - 1]!.arrivalS);
    // It started at 15010, after the short rows that ended by then.
    expect(rows.findIndex((r) => r.functionId === "a/long")).toBe(15_001);
  });

  test("rows in start order (as the dataset's published sample), end order or shuffled within the window all come out by start", async () => {
    // The six sample rows of AzureFunctionsInvocationTrace2021.md (Azure
    // Public Dataset), names shortened: in start order, not end order.
    const sample = [
      "a1,f1,5160.142570018768,0.134",
      "a2,f2,5161.280997037888,0.013",
      "a3,f3,5241.567729949951,42.356",
      "a4,f4,5253.883348941803,42.372",
      "a5,f5,5219.518173933029,0.108",
      "a6,f6,5220.1072909832,0.093",
    ];
    const header = "app,func,end_timestamp,duration";
    const read = async (name: string, lines: string[]) =>
      (await collect(importAzure2021(file(name, [header, ...lines].join("\n"))))).map(
        (r) => r.functionId,
      );
    const byStart = ["a1/f1", "a2/f2", "a3/f3", "a4/f4", "a5/f5", "a6/f6"];
    expect(await read("sample.csv", sample)).toEqual(byStart);
    const byEnd = [0, 1, 4, 5, 2, 3].map((k) => sample[k]!);
    expect(await read("by-end.csv", byEnd)).toEqual(byStart);
    expect(
      await read(
        "shuffled.csv",
        [5, 2, 0, 4, 1, 3].map((k) => sample[k]!),
      ),
    ).toEqual(byStart);
    // Out of order by more than the window: an error at its line.
    await expect(
      collect(importAzure2021(file("late.csv", [header, ...sample, "a7,f7,100,1"].join("\n")))),
    ).rejects.toThrow(
      /late\.csv:8: starts at 99 \(it ran 1 s\), 5121\.\d+ s before an invocation read earlier/,
    );
  });

  test.each([10, 8190, 8195, 16_000])(
    "a run longer than the window is an error wherever batches fall (after row %i)",
    async (at) => {
      const text = [
        "app,func,end_timestamp,duration",
        ...Array.from({ length: 20_000 }, (_, i) =>
          i === at ? `a,long,${100 + i},100` : `a,short,${100 + i},0.5`,
        ),
      ].join("\n");
      const path = file(`long-at-${at}.csv`, text);
      await expect(collect(importAzure2021(path, { reorderWindowS: 60 }))).rejects.toThrow(
        new RegExp(`long-at-${at}\\.csv:${at + 2}: starts at ${at} \\(it ran 100 s\\)`),
      );
      expect(await collect(importAzure2021(path, { reorderWindowS: 120 }))).toHaveLength(20_000);
    },
  );

  test.each([
    ["app,func,end_timestamp,duration\na,f,soon,1", /:2: end_timestamp is not a number/],
    ["app,func,end_timestamp,duration\na,f,5,-1", /:2: duration is not a number >= 0/],
    ["app,func,end,duration\na,f,5,1", /:1: missing column end_timestamp/],
  ])("malformed input names the line: %j", async (text, message) => {
    const path = file(`bad-${Math.random().toString(36).slice(2)}.csv`, text);
    await expect(collect(importAzure2021(path))).rejects.toThrow(message);
  });
});

test("sim trace import writes a trace that replays", async () => {
  const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
  const input = file(
    "cli2021.csv",
    [
      "app,func,end_timestamp,duration",
      ...Array.from({ length: 300 }, (_, i) => `a,f${i % 4},${i + 1},0.2`),
    ].join("\n"),
  );
  const out = join(dir, "cli.csv.gz");
  const r = spawnSync(
    process.execPath,
    [bin, "trace", "import", "azure2021", input, "--out", out],
    { encoding: "utf8" },
  );
  expect(r.status, r.stderr).toBe(0);
  expect(r.stderr).toMatch(/wrote 300 requests/);
  const reader = new TraceReader(out);
  let n = 0;
  while (await reader.refill()) while (reader.take()) n++;
  expect(n).toBe(300);
  const bad = spawnSync(
    process.execPath,
    [
      bin,
      "trace",
      "import",
      "azure2021",
      join(dir, "missing.csv"),
      "--out",
      join(dir, "never.csv"),
    ],
    { encoding: "utf8" },
  );
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/missing\.csv: no such file/);
});

test("both importers report how far they are, rising to 1", async () => {
  const seen = (into: number[]) => (f: number) => into.push(f);
  const of2019: number[] = [];
  await collect(
    importAzure2019(azure2019Files({ f1: { 1: 3, 700: 2 } }), new RandomStreams(1), seen(of2019)),
  );
  expect(of2019).toHaveLength(1440);
  const lines = Array.from(
    { length: 40_000 },
    (_, i) => `a,f${i % 9},${(1 + i / 100).toFixed(3)},0.5`,
  );
  const path = file("progress2021.csv", ["app,func,end_timestamp,duration", ...lines].join("\n"));
  const of2021: number[] = [];
  await collect(importAzure2021(path, { onProgress: seen(of2021), parseThread: false }));
  for (const fractions of [of2019, of2021]) {
    expect(fractions.length).toBeGreaterThan(1);
    for (let i = 1; i < fractions.length; i++)
      expect(fractions[i]!).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions[0]!).toBeLessThan(1);
    expect(fractions.at(-1)).toBe(1);
  }
});

describe("Azure Functions 2019, several days", () => {
  test("days follow each other, and a day's rows do not depend on the days after it", async () => {
    const day1 = azure2019Files({ f1: { 1: 3, 1440: 2 }, f2: { 5: 4 } });
    const day2 = azure2019Files({ f1: { 1: 1, 2: 2 }, f2: { 1440: 3 } });
    const alone = await collect(importAzure2019(day1, new RandomStreams(7)));
    const both = await collect(importAzure2019([day1, day2], new RandomStreams(7)));
    expect(both).toHaveLength(alone.length + 6);
    expect(both.slice(0, alone.length)).toEqual(alone);
    const second = both.slice(alone.length);
    expect(second.every((r) => r.arrivalS >= 86_400 && r.arrivalS < 86_400 + 1440 * 60)).toBe(true);
    expect(second.filter((r) => r.arrivalS >= 86_400 + 1439 * 60)).toHaveLength(3);
    for (let i = 1; i < both.length; i++)
      expect(both[i]!.arrivalS).toBeGreaterThanOrEqual(both[i - 1]!.arrivalS);
  });

  test("a day with no memory file has no memory measured, the others theirs", async () => {
    const day1 = azure2019Files({ f1: { 1: 3 } });
    const { memory: _, ...day2 } = azure2019Files({ f1: { 1: 2 } });
    const rows = await collect(importAzure2019([day1, day2], new RandomStreams(7)));
    expect(rows).toHaveLength(5);
    expect(rows.slice(0, 3).every((r) => r.memoryMiB >= 100 && r.memoryMiB <= 210)).toBe(true);
    expect(rows.slice(3).every((r) => Number.isNaN(r.memoryMiB))).toBe(true);
    expect(rows.slice(3).every((r) => r.durationS > 0)).toBe(true);
  });

  test("sim trace import takes each day's files in order, and as many of each", () => {
    const bin = new URL("../../bin/sim.js", import.meta.url).pathname;
    const [d1, d2] = [azure2019Files({ f1: { 1: 2 } }), azure2019Files({ f1: { 3: 1 } })];
    const out = join(dir, "two-days.csv");
    const args = ["trace", "import", "azure2019", "--out", out];
    const run = (extra: string[]) =>
      spawnSync(process.execPath, [bin, ...args, ...extra], { encoding: "utf8" });
    const ok = run([
      ...["--invocations", d1.invocations, d2.invocations],
      ...["--durations", d1.durations, d2.durations],
      ...["--memory", d1.memory, d2.memory],
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stderr).toMatch(/wrote 3 requests/);
    const bad = run([
      ...["--invocations", d1.invocations, d2.invocations],
      ...["--durations", d1.durations],
      ...["--memory", d1.memory, d2.memory],
    ]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/as many days each, --memory no more \(2, 1, 2\)/);
    // Memory for the first day only, as the dataset has none for d13-d14.
    const fewer = run([
      ...["--invocations", d1.invocations, d2.invocations],
      ...["--durations", d1.durations, d2.durations],
      ...["--memory", d1.memory],
    ]);
    expect(fewer.status, fewer.stderr).toBe(0);
    expect(fewer.stderr).toMatch(/wrote 3 requests/);
  });
});

test("Azure 2019: a busy minute comes in batches, not all at once", async () => {
  const files = azure2019Files({ f1: { 2: 12_000 }, f2: { 2: 9_000, 3: 5 } });
  const sizes: number[] = [];
  let last = -Infinity;
  for await (const b of importAzure2019(files, new RandomStreams(2))) {
    sizes.push(b.length);
    for (const r of b.rows()) {
      expect(r.arrivalS).toBeGreaterThanOrEqual(last);
      last = r.arrivalS;
    }
  }
  expect(sizes).toEqual([8192, 8192, 21_000 - 2 * 8192, 5]);
});
