/**
 * A/B of model throughput between two builds, on a shared machine:
 *
 *   node dist/bench/ab-model.js [--base REV] [--rounds N] [--requests N] [--modes faas,hpa]
 *
 * builds REV (default edd012c, the model before contract v2) in
 * /tmp/ab-REV from `git archive` (node_modules hard-linked from this tree,
 * `tsc -p tsconfig.build.json`; kept for the next run), then alternates
 * fresh processes of each build's `modelThroughput` for N rounds, the order
 * flipped every round so neither side always runs second. Each process
 * reports requests per CPU-second (process.cpuUsage, user + system): other
 * jobs on the machine take wall time, not this process's CPU time. Prints
 * the per-round ratio (this tree over REV), the median and the range, and
 * the load average beside them.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const self = new URL(import.meta.url).pathname;
const here = path.resolve(path.dirname(self), "..", "..");

type Throughput = (mode: string, requests: number) => Promise<{ requests: number }>;

// Child: one run of one build's modelThroughput, in requests per CPU-second.
if (process.argv[2] === "--child") {
  const [, , , modelJs, mode, requests] = process.argv as string[];
  const { modelThroughput } = (await import(pathToFileURL(modelJs!).href)) as {
    modelThroughput: Throughput;
  };
  const c0 = process.cpuUsage();
  const r = await modelThroughput(mode!, Number(requests));
  const c = process.cpuUsage(c0);
  const cpuS = (c.user + c.system) / 1e6;
  process.stdout.write(JSON.stringify({ requests: r.requests, perCpuSecond: r.requests / cpuS }));
  process.exit(0);
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** The build of `rev` in /tmp/ab-REV (made once): the path of its dist/bench/model.js. */
function buildOf(rev: string): string {
  const sha = execFileSync("git", ["-C", here, "rev-parse", "--short", rev], {
    encoding: "utf8",
  }).trim();
  const dir = `/tmp/ab-${sha}`;
  const modelJs = path.join(dir, "dist", "bench", "model.js");
  if (existsSync(modelJs)) return modelJs;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tar = execFileSync("git", ["-C", here, "archive", sha], { maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: tar });
  // A hard-linked copy: fast, and the build never writes into node_modules.
  execFileSync("cp", ["-al", path.join(here, "node_modules"), path.join(dir, "node_modules")]);
  console.error(`building ${sha} in ${dir}`);
  execFileSync("npx", ["tsc", "-p", "tsconfig.build.json"], { cwd: dir, stdio: "inherit" });
  return modelJs;
}

function runChild(modelJs: string, mode: string, requests: number): number {
  const out = execFileSync(process.execPath, [self, "--child", modelJs, mode, String(requests)], {
    encoding: "utf8",
  });
  return (JSON.parse(out) as { perCpuSecond: number }).perCpuSecond;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const base = option("base", "edd012c");
const rounds = Number(option("rounds", "5"));
const requests = Number(option("requests", "1000000"));
const modes = option("modes", "faas,hpa").split(",");
const ours = path.join(here, "dist", "bench", "model.js");
if (!existsSync(ours)) throw new Error(`${ours} missing: run npm run build first`);
const theirs = buildOf(base);

const result: Record<string, unknown> = {
  benchmark: "ab-model",
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version },
  unit: "requests per CPU-second; ratio = this tree over base",
  base,
  rounds,
  requests,
  loadBefore: os.loadavg(),
};
for (const mode of modes) {
  const ratios: number[] = [];
  const oursRates: number[] = [];
  const baseRates: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const first = i % 2 === 0;
    const a = first ? runChild(ours, mode, requests) : 0;
    const b = runChild(theirs, mode, requests);
    const o = first ? a : runChild(ours, mode, requests);
    ratios.push(o / b);
    oursRates.push(o);
    baseRates.push(b);
    console.error(
      `${mode} round ${i + 1}: ours ${(o / 1e3).toFixed(0)}k, ${base} ${(b / 1e3).toFixed(0)}k requests/CPU-s, ratio ${(o / b).toFixed(3)} (load ${os.loadavg()[0]!.toFixed(2)})`,
    );
  }
  result[mode] = {
    ratios,
    median: median(ratios),
    min: Math.min(...ratios),
    max: Math.max(...ratios),
    oursMedianPerCpuSecond: median(oursRates),
    baseMedianPerCpuSecond: median(baseRates),
    ratioOfMedians: median(oursRates) / median(baseRates),
  };
  console.error(
    `${mode}: median ratio ${median(ratios).toFixed(3)} (range ${Math.min(...ratios).toFixed(3)}-${Math.max(...ratios).toFixed(3)}), ratio of medians ${(median(oursRates) / median(baseRates)).toFixed(3)}`,
  );
}
result.loadAfter = os.loadavg();
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
