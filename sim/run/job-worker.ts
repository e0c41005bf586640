/** The entry of a worker thread of the job pool (job-pool.ts): one job per call. */
import { runPoolJob, type PoolJob, type PoolOutcome } from "./pool-job.js";

export default function runInWorker(job: PoolJob): Promise<PoolOutcome> {
  return runPoolJob(job);
}
