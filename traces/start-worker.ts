/**
 * Starts a worker thread of this package. A worker inherits the host
 * process's flags, and `--input-type` makes sense only for the host's own
 * entry: a host run as `node --input-type=module -e ...` would otherwise
 * have every thread fail at once ("--input-type can only be used with
 * string input"). Such a host's threads start with no flags at all: a list
 * given explicitly is checked strictly, and per-process flags such as
 * `--expose-gc` would then fail instead.
 */
import { Worker, type ResourceLimits } from "node:worker_threads";

/** The flags a worker starts with: undefined to inherit the host's. */
export function workerFlags(execArgv: readonly string[]): string[] | undefined {
  return execArgv.some((a) => a === "--input-type" || a.startsWith("--input-type="))
    ? []
    : undefined;
}

export function startWorker(
  script: URL,
  workerData: unknown,
  resourceLimits?: ResourceLimits,
): Worker {
  const execArgv = workerFlags(process.execArgv);
  return new Worker(script, {
    workerData,
    ...(execArgv ? { execArgv } : {}),
    ...(resourceLimits ? { resourceLimits } : {}),
  });
}
