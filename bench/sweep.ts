/**
 * A 40-job sweep on the pool: throughput with 2 workers against 1 (in this
 * thread), measured in the same run, alternating so that a change in the
 * machine's load falls on both; and the cost of a job beyond its
 * simulation, from jobs that simulate almost nothing: the pool's start
 * (threads, each loading the simulator) once, and then per job (sending
 * it, loading its scenario in the thread, returning its summary), the
 * difference between 80 such jobs and 40 over the 40 more.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadSweep, runSweep } from "../sim/run/sweep-pipeline.js";

/** 4 rates x 2 policies x `replications`; `duration` and the rates set the work per job. */
function sweepYaml(duration: string, rates: readonly string[], replications = 5): string {
  return `name: bench-sweep
seed: 3
duration: ${duration}
sla: { latency: 2s }
workload:
  synth: { rate: ${rates[0]}, functions: 50, cpu: { lognormal: { median: 100ms, p95: 300ms } } }
replications: ${replications}
policies:
  - name: static
    policy: static
    config: { fleet: { m5.large: 40 }, concurrency: 2 }
  - name: hpa
    policy: reactive
    config: { mode: hpa, type: m5.large, concurrency: 2 }
sweep:
  grid:
    workload.synth.rate: [${rates.join(", ")}]
`;
}

async function timed(file: string, workers: number): Promise<number> {
  const sweep = loadSweep(file);
  const start = performance.now();
  const run = await runSweep({ sweep, options: {}, workers });
  const ms = performance.now() - start;
  if (run.failures.length > 0) throw new Error(run.failures.join("\n"));
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function sweepBenchmark(rounds: number, duration: string) {
  const dir = mkdtempSync(join(tmpdir(), "provisim-bench-sweep-"));
  try {
    const file = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return path;
    };
    const real = file("sweep.yaml", sweepYaml(duration, ["10/s", "20/s", "30/s", "40/s"]));
    const empty = ["0.001/s", "0.002/s", "0.003/s", "0.004/s"];
    const empty40 = file("empty40.yaml", sweepYaml("1s", empty, 5));
    const empty80 = file("empty80.yaml", sweepYaml("1s", empty, 10));
    const jobs = 40;
    await timed(real, 2); // warm-up: JIT, file cache
    const one: number[] = [];
    const two: number[] = [];
    for (let r = 0; r < rounds; r++) {
      one.push(await timed(real, 1));
      two.push(await timed(real, 2));
    }
    const e40: number[] = [];
    const e80: number[] = [];
    const e40one: number[] = [];
    for (let r = 0; r < rounds; r++) {
      e40.push(await timed(empty40, 2));
      e80.push(await timed(empty80, 2));
      e40one.push(await timed(empty40, 1));
    }
    const oneMs = median(one);
    const twoMs = median(two);
    const perJob = (median(e80) - median(e40)) / 40;
    return {
      jobs,
      jobDuration: duration,
      oneWorkerMs: oneMs,
      twoWorkersMs: twoMs,
      jobsPerSecond: { oneWorker: (jobs / oneMs) * 1000, twoWorkers: (jobs / twoMs) * 1000 },
      speedupTwoVsOne: oneMs / twoMs,
      overheadMsPerJob: {
        /** Per job on 2 workers, the pool's start apart. */
        twoWorkers: perJob,
        /** The pool's start and stop, once per sweep (40 near-empty jobs less 40 x the per-job figure). */
        poolStartMs: median(e40) - 40 * perJob,
        /** 40 near-empty jobs in this thread, per job. */
        oneWorker: median(e40one) / 40,
      },
      rounds: {
        one,
        two,
        empty40TwoWorkers: e40,
        empty80TwoWorkers: e80,
        empty40OneWorker: e40one,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
