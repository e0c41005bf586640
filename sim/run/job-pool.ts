/**
 * Jobs on a piscina pool of worker threads, results in job order whatever
 * the number of threads: each job is a pure function of its description
 * (pool-job.ts), so which thread ran it, and when, leaves no trace in its
 * result. One worker runs the jobs in this thread, one after the other.
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { runPoolJob, type PoolJob, type PoolOutcome } from "./pool-job.js";

export type { PoolJob, PoolOutcome } from "./pool-job.js";

export interface PoolOptions {
  /** Worker threads; 1 runs every job in this thread. */
  readonly workers: number;
  /** After each job ends: jobs done, jobs in all, and the job's position in `jobs`. */
  readonly onJobDone?: (done: number, total: number, index: number) => void;
  /** Stops the run: queued jobs are not started, and the signal's reason is thrown. */
  readonly signal?: AbortSignal;
}

/** The built worker entry: under the test runner the sources are TypeScript, and threads run JavaScript. */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return join(dirname(here), "job-worker.js");
  return resolve(dirname(here), "../../dist/sim/run/job-worker.js");
}

export async function runPoolJobs(
  jobs: readonly PoolJob[],
  opts: PoolOptions,
): Promise<PoolOutcome[]> {
  const workers = Math.max(1, Math.min(Math.floor(opts.workers), jobs.length));
  let done = 0;
  const finished = (index: number) => opts.onJobDone?.(++done, jobs.length, index);
  if (workers === 1) {
    const out: PoolOutcome[] = [];
    for (const [i, job] of jobs.entries()) {
      opts.signal?.throwIfAborted();
      out.push(await runPoolJob(job, opts.signal));
      finished(i);
    }
    return out;
  }
  const pool = new Piscina<PoolJob, PoolOutcome>({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    concurrentTasksPerWorker: 1,
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      jobs.map(async (job, i) => {
        const outcome = await pool.run(job, opts.signal ? { signal: opts.signal } : {});
        finished(i);
        return outcome;
      }),
    );
  } catch (e) {
    opts.signal?.throwIfAborted();
    throw e;
  } finally {
    await pool.destroy();
  }
}
