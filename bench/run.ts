/**
 * `npm run bench`: the engine benchmarks, every contestant in the same run
 * (this machine is shared, so only ratios measured together mean anything).
 * Writes bench/results/engine.json.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import * as Ours from "../sim/engine/simjs/index.js";
import { bareHeap, coreApi, oursSimjsApi, simjsApi } from "./engine-hold.js";
import { coreMemory, PENDING, simjsMemory } from "./engine-memory.js";
import { coreMm1, simjsMm1 } from "./engine-mm1.js";
import { modelThroughput } from "./model.js";
import { longImport, traceBenchmarks } from "./traces.js";
import { delayRing, loadSimJs, timeMedian } from "./support.js";

// A long model run in a fresh process, for its peak resident memory.
if (process.argv[2] === "--model-memory") {
  const r = await modelThroughput("faas", Number(process.argv[3]));
  process.stdout.write(JSON.stringify({ ...r, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

// A long trace import in a fresh process, for its peak resident memory.
if (process.argv[2] === "--import-memory") {
  const r = await longImport(Number(process.argv[3]));
  process.stdout.write(JSON.stringify({ ...r, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
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
const ring = delayRing();
const simjs = loadSimJs();

const holdContestants = {
  bareHeap,
  core: coreApi,
  oursSimjs: oursSimjsApi,
  simjs: simjsApi(simjs),
};

type Row = Record<string, number>;
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
  const out = execFileSync(
    process.execPath,
    ["--expose-gc", new URL(import.meta.url).pathname, "--memory", which],
    {
      encoding: "utf8",
    },
  );
  memory[`${which}MiB`] = (JSON.parse(out) as { bytes: number }).bytes / 2 ** 20;
}
console.error(`heap for ${PENDING} pending events (MiB): ${fmt(memory)}`);

const model: Record<string, unknown> = {};
for (const mode of ["faas", "hpa"] as const) {
  await modelThroughput(mode, 50_000); // warm-up
  const r = await modelThroughput(mode, quick ? 100_000 : 1_000_000);
  model[`reactive-${mode}`] = r;
  console.error(
    `model, reactive ${mode}: ${r.requests} requests at ${(r.perSecond / 1e3).toFixed(0)}k requests/s`,
  );
}
const longRun = quick ? 1_000_000 : 10_000_000;
const mem = JSON.parse(
  execFileSync(
    process.execPath,
    [new URL(import.meta.url).pathname, "--model-memory", String(longRun)],
    {
      encoding: "utf8",
    },
  ),
) as { requests: number; perSecond: number; maxRssMiB: number };
model["long-run"] = mem;
console.error(
  `model, ${mem.requests} requests without per-request output: peak RSS ${mem.maxRssMiB.toFixed(0)} MiB`,
);

const traces: Record<string, unknown> = await traceBenchmarks(quick ? 100_000 : 1_000_000);
console.error(`traces: ${JSON.stringify(traces)}`);
const longImportRows = quick ? 1_000_000 : 10_000_000;
traces["long-import"] = JSON.parse(
  execFileSync(
    process.execPath,
    [new URL(import.meta.url).pathname, "--import-memory", String(longImportRows)],
    {
      encoding: "utf8",
    },
  ),
);
console.error(`traces, long Azure 2019 import: ${JSON.stringify(traces["long-import"])}`);

const result = {
  benchmark: "engine",
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, quick },
  unit: {
    hold: "events per second",
    mm1: "customers per second",
    memory: `MiB of heap for ${PENDING} pending events`,
  },
  hold,
  mm1,
  memory,
  model,
  traces,
};
mkdirSync(new URL("../../bench/results/", import.meta.url), { recursive: true });
const file = new URL(`../../bench/results/engine${quick ? "-quick" : ""}.json`, import.meta.url);
writeFileSync(file, JSON.stringify(result, null, 2) + "\n");
console.error(`wrote ${file.pathname}`);

function fmt(row: Row): string {
  return Object.entries(row)
    .map(([k, v]) => `${k} ${v >= 1000 ? (v / 1e6).toFixed(2) + "M" : v.toFixed(2)}`)
    .join(", ");
}
