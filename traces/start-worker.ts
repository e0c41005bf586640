/**
 * Starts a worker thread of this package. A worker inherits the host
 * process's flags, and some make sense only for the host's own entry: a
 * host run as `node --input-type=module -e ...` would otherwise have every
 * thread fail at once ("--input-type can only be used with string input").
 */
import { Worker, type ResourceLimits } from "node:worker_threads";

const MAIN_ONLY_FLAG = "--input-type";

/** `process.execArgv` without the flags that only the host's entry may take. */
export function workerFlags(execArgv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const a = execArgv[i]!;
    if (a === MAIN_ONLY_FLAG)
      i++; // its value is the next argument
    else if (!a.startsWith(`${MAIN_ONLY_FLAG}=`)) kept.push(a);
  }
  return kept;
}

export function startWorker(
  script: URL,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  return new Worker(script, {
    workerData,
    execArgv: workerFlags(process.execArgv),
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
