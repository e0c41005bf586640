/**
 * `npm run bench`: every benchmark, each contestant in the same run as its
 * peers (this machine is shared, so only ratios measured together mean
 * anything). `node --expose-gc dist/bench/run.js [engine] [traces] [report] [viewer] [analyzer] [serve] [sweep] [--quick]`
 * runs some suites; each writes bench/results/<suite>.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import * as Ours from "../sim/engine/simjs/index.js";
import { bareHeap, coreApi, oursSimjsApi, simjsApi } from "./engine-hold.js";
import { coreMemory, PENDING, simjsMemory } from "./engine-memory.js";
import { coreMm1, simjsMm1 } from "./engine-mm1.js";
import { modelThroughput } from "./model.js";
import { packingThroughput } from "./model-allocations.js";
import { reportBenchmark } from "./report.js";
import { viewerBenchmark } from "./viewer.js";
import { longImport, longImportInput, traceBenchmarks, type LongFormat } from "./traces.js";
import { analyzeOnce, analyzerBenchmarks } from "./analyzer.js";
import { serveBenchmark, serveChild } from "./serve.js";
import { predictBenchmark } from "./predict.js";
import type { Names } from "./azure-inputs.js";
import { delayRing, loadSimJs, timeMedian } from "./support.js";
import { sweepBenchmark } from "./sweep.js";

// A long model run in a fresh process, for its peak resident memory.
if (process.argv[2] === "--model-memory") {
  const r = await modelThroughput("faas", Number(process.argv[3]));
  process.stdout.write(JSON.stringify({ ...r, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// A long trace import in a fresh process, for its peak resident memory.
if (process.argv[2] === "--import-memory") {
  const [, , , format, names, dir, target] = process.argv as string[];
  const r = await longImport(format as LongFormat, names as Names, dir!, target as "file" | "null");
  process.stdout.write(JSON.stringify({ ...r, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// One file analyzed in a fresh process, for its time and peak resident memory.
if (process.argv[2] === "--analyze-file") {
  process.stdout.write(JSON.stringify(await analyzeOnce(process.argv[3]!)));
  process.exit(0);
}

// The policy server of the serve suite, in its own process.
if (process.argv[2] === "--serve-child") {
  await serveChild();
  // It serves until the parent ends it.
  await new Promise(() => {});
}

// Memory is measured in a fresh process with --expose-gc, away from JIT state.
if (process.argv[2] === "--memory") {
  const S = loadSimJs();
  const which = process.argv[3] ?? "";
  const retain = which.endsWith("-retained");
  const api = which.startsWith("ours-simjs") ? Ours : S;
  const bytes = which === "core" ? coreMemory() : simjsMemory(api, retain);
  process.stdout.write(JSON.stringify({ bytes }));
  process.exit(0);
}

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 1 : 5;
const chosen = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const self = new URL(import.meta.url).pathname;
const machine = {
  cpus: os.cpus().length,
  model: os.cpus()[0]?.model,
  node: process.version,
  quick,
};

type Row = Record<string, number>;

/** Every suite by name, in the order a bare `npm run bench` runs them. */
const SUITES: Record<string, () => unknown> = {
  engine: engineSuite,
  traces: tracesSuite,
  report: reportSuite,
  viewer: viewerSuite,
  analyzer: analyzerSuite,
  serve: async () => ({ serve: await serveBenchmark(self, quick ? 3 : 10, 5000) }),
  predict: predictSuite,
  sweep: sweepSuite,
  allocations: allocationsSuite,
};

const suites = chosen.length > 0 ? chosen : Object.keys(SUITES);

for (const suite of suites) {
  const run = SUITES[suite];
  if (!run) fail(`unknown suite ${suite}; known: ${Object.keys(SUITES).join(", ")}`);
  const result = (await run()) as Record<string, unknown>;
  mkdirSync(new URL("../../bench/results/", import.meta.url), { recursive: true });
  const file = new URL(
    `../../bench/results/${suite}${quick ? "-quick" : ""}.json`,
    import.meta.url,
  );
  const body = { benchmark: suite, date: new Date().toISOString(), machine, ...result };
  writeFileSync(file, JSON.stringify(body, null, 2) + "\n");
  console.error(`wrote ${file.pathname}`);
}

/** Model throughput with every request in an allocation, against equal slots, same run. */
async function allocationsSuite() {
  const n = quick ? 100_000 : 1_000_000;
  const out: Record<string, unknown> = {};
  for (const mode of ["slots", "allocations", "allocations-observed"] as const) {
    await packingThroughput(mode, 50_000); // warm-up
    const r = await packingThroughput(mode, n);
    out[mode] = r;
    console.error(
      `model, ${mode}: ${r.requests} requests at ${(r.perSecond / 1e3).toFixed(0)}k requests/s`,
    );
  }
  const ratio =
    (out.allocations as { perSecond: number }).perSecond /
    (out.slots as { perSecond: number }).perSecond;
  console.error(`allocations / slots: ${ratio.toFixed(3)}`);
  const observed = (out["allocations-observed"] as { perSecond: number }).perSecond;
  console.error(
    `allocations, usage every 10 s and feedback: ${(observed / 1e3).toFixed(0)}k requests/s (floor 500k)`,
  );
  return { model: { ...out, allocationsOverSlots: ratio } };
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

async function predictSuite() {
  const r = await predictBenchmark(quick);
  const { ours, mlRandomForest: rf } = r.cpuSecondsRegression;
  console.error(
    `CPU-seconds MAPE: ours ${ours.mapeVsMeasured.toFixed(1)}%, ml-random-forest ${rf.mapeVsMeasured.toFixed(1)}%; ` +
      `predict p99: ours ${ours.predict.p99Us.toFixed(1)} us, ml-random-forest ${rf.predict.p99Us.toFixed(1)} us; ` +
      `model JSON: ours ${(ours.jsonBytes / 1024).toFixed(0)} KiB, ml-random-forest ${(rf.jsonBytes / 1024).toFixed(0)} KiB`,
  );
  return r;
}

async function sweepSuite() {
  const r = await sweepBenchmark(quick ? 1 : 3, quick ? "5m" : "8h");
  const load = os.loadavg().map((x) => x.toFixed(2));
  console.error(
    `sweep of ${r.jobs} jobs: ${r.jobsPerSecond.oneWorker.toFixed(2)} jobs/s on 1 worker, ${r.jobsPerSecond.twoWorkers.toFixed(2)} on 2 (x${r.speedupTwoVsOne.toFixed(2)}); overhead ${r.overheadMsPerJob.twoWorkers.toFixed(1)} ms per job on 2 workers (pool start ${r.overheadMsPerJob.poolStartMs.toFixed(0)} ms per sweep), ${r.overheadMsPerJob.oneWorker.toFixed(1)} on 1; load average ${load.join(" ")}`,
  );
  return {
    unit: { times: "milliseconds (median of the rounds)", jobsPerSecond: "jobs per second" },
    floors: { speedupTwoVsOne: 1.7, overheadMsPerJob: 50 },
    loadAverageAfter: os.loadavg(),
    ...r,
  };
}

async function reportSuite() {
  const requests = quick ? 100_000 : 1_000_000;
  const r = await reportBenchmark(requests, quick ? 2 : 5);
  console.error(
    `report.html of ${requests} requests per policy: ${(r.reportBytes / 2 ** 20).toFixed(2)} MiB, made in ${r.makeMs.toFixed(0)} ms, drawn in ${r.renderMs.median} ms (first load ${r.firstLoadRenderMs} ms)`,
  );
  return {
    unit: { bytes: "bytes", times: "milliseconds; render: navigation start to every chart drawn" },
    ...r,
  };
}

async function viewerSuite() {
  const requests = quick ? 100_000 : 1_000_000;
  const r = await viewerBenchmark(requests, quick ? 2 : 5);
  console.error(
    `${r.requestRows} requests: the viewer drawn in ${r.viewer.medianMs} ms (first load ${r.viewer.firstLoadMs} ms), report.html in ${r.report.medianMs} ms (first ${r.report.firstLoadMs} ms): ${r.viewerVsReport.toFixed(2)}x`,
  );
  return {
    unit: { bytes: "bytes", times: "milliseconds: navigation start to every chart drawn" },
    ...r,
  };
}

async function engineSuite() {
  const ring = delayRing();
  const simjs = loadSimJs();

  const holdContestants = {
    bareHeap,
    core: coreApi,
    oursSimjs: oursSimjsApi,
    simjs: simjsApi(simjs),
  };

  const hold: Record<string, Row> = {};
  for (const n of [1, 100, 10_000, 100_000]) {
    const events = quick ? 200_000 : 2_000_000;
    const row: Row = {};
    for (const [name, runner] of Object.entries(holdContestants)) {
      const run = runner(n, events, ring);
      run(); // warm-up
      row[name] = events / timeMedian(ROUNDS, run);
    }
    hold[`N=${n}`] = {
      ...row,
      coreVsBareHeap: row.core! / row.bareHeap!,
      oursSimjsVsSimjs: row.oursSimjs! / row.simjs!,
      coreVsSimjs: row.core! / row.simjs!,
    };
    console.error(`hold N=${n}: ${fmt(row)}`);
  }

  const customers = quick ? 100_000 : 1_000_000;
  const mm1: Row = {};
  for (const [name, runner] of Object.entries({
    core: coreMm1,
    oursSimjs: simjsMm1(Ours),
    simjs: simjsMm1(simjs),
  })) {
    const run = runner(customers, ring);
    if (run() !== customers) throw new Error(`${name}: M/M/1 lost customers`);
    mm1[name] = customers / timeMedian(ROUNDS, run);
  }
  mm1.oursSimjsVsSimjs = mm1.oursSimjs! / mm1.simjs!;
  console.error(`M/M/1 rho=0.9 customers/s: ${fmt(mm1)}`);

  const memory: Row = {};
  for (const which of ["core", "ours-simjs", "ours-simjs-retained", "simjs", "simjs-retained"]) {
    const out = execFileSync(process.execPath, ["--expose-gc", self, "--memory", which], {
      encoding: "utf8",
    });
    memory[`${which}MiB`] = (JSON.parse(out) as { bytes: number }).bytes / 2 ** 20;
  }
  console.error(`heap for ${PENDING} pending events (MiB): ${fmt(memory)}`);

  const model: Record<string, unknown> = {};
  for (const mode of ["faas", "hpa", "faas-observed"] as const) {
    await modelThroughput(mode, 50_000); // warm-up
    const r = await modelThroughput(mode, quick ? 100_000 : 1_000_000);
    model[`reactive-${mode}`] = r;
    console.error(
      `model, reactive ${mode}: ${r.requests} requests at ${(r.perSecond / 1e3).toFixed(0)}k requests/s`,
    );
  }
  const longRun = quick ? 1_000_000 : 10_000_000;
  const mem = JSON.parse(
    execFileSync(process.execPath, [self, "--model-memory", String(longRun)], {
      encoding: "utf8",
    }),
  ) as { requests: number; perSecond: number; maxRssMiB: number };
  model["long-run"] = mem;
  console.error(
    `model, ${mem.requests} requests without per-request output: peak RSS ${mem.maxRssMiB.toFixed(0)} MiB`,
  );

  return {
    unit: {
      hold: "events per second",
      mm1: "customers per second",
      memory: `MiB of heap for ${PENDING} pending events`,
    },
    hold,
    mm1,
    memory,
    model,
  };
}

async function tracesSuite() {
  const rows = quick ? 100_000 : 1_000_000;
  const short = await traceBenchmarks(rows, quick ? 1 : 3);
  console.error(`traces, ${rows} rows: ${JSON.stringify(short)}`);
  const longRows = quick ? 1_000_000 : 10_000_000;
  const long: Record<string, unknown> = {};
  for (const format of ["azure2021", "azure2019"] as const) {
    for (const names of ["hashed", "short"] as const) {
      // The input is written here, and every round runs in a fresh process
      // of its own, so each holds only its import.
      const dir = longImportInput(format, names, longRows);
      try {
        const best = { rows: 0, rowsPerS: 0, rowsPerSToNull: 0, bytesOut: 0, maxRssMiB: 0 };
        for (let round = 0; round < (quick ? 1 : 3); round++) {
          for (const target of ["file", "null"]) {
            const out = execFileSync(
              process.execPath,
              [self, "--import-memory", format, names, dir, target],
              { encoding: "utf8" },
            );
            const r = JSON.parse(out) as typeof best;
            best.rows = r.rows;
            best.maxRssMiB = Math.max(best.maxRssMiB, r.maxRssMiB);
            if (target === "file") {
              best.rowsPerS = Math.max(best.rowsPerS, r.rowsPerS);
              best.bytesOut = r.bytesOut;
            } else {
              best.rowsPerSToNull = Math.max(best.rowsPerSToNull, r.rowsPerS);
            }
          }
        }
        long[`${format}-${names}`] = best;
        console.error(`traces, long ${format} import, ${names} names: ${JSON.stringify(best)}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return {
    unit: {
      rowsPerS: `rows per second, best of rounds, ${rows} rows (Azure 2019: requests made)`,
      vsPapaparse: "rate over papaparse's own on the same 2021 file",
      longImport: `${longRows} rows to a plain trace (rowsPerS) and to /dev/null (rowsPerSToNull), best of 3 rounds, each in a fresh process; maxRssMiB the largest peak resident memory`,
      names: "hashedNames: the datasets' 64-hex-digit names; shortNames: names like app3",
    },
    ...short,
    longImport: long,
  };
}

function analyzerSuite() {
  const megabytes = quick ? [1] : [1, 2, 5];
  return {
    unit: {
      seconds: "wall time to analyze the file, in the round with the least CPU time of 3",
      cpuSeconds: "user and system CPU time of that round",
      maxRssMiB: "largest peak resident memory of the process over the rounds",
    },
    input:
      "generated JavaScript (bench/analyzer-inputs.ts), one file per size, each round in a fresh process",
    files: analyzerBenchmarks(self, megabytes, quick ? 1 : 3),
  };
}

function fmt(row: Row): string {
  return Object.entries(row)
    .map(([k, v]) => `${k} ${v >= 1000 ? (v / 1e6).toFixed(2) + "M" : v.toFixed(2)}`)
    .join(", ");
}
