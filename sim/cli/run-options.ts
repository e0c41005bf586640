import { setMaxListeners } from "node:events";
import type { RunOptions } from "../run/pipeline.js";
import { abortOnSignals } from "./interrupt.js";
import { progressBar, showsProgress } from "./progress.js";

/** How every command runs a scenario: a progress bar on a terminal, stop on a signal. */
export function cliRunOptions(): RunOptions {
  const bar = progressBar(process.stderr);
  const onProgress = (done: number, total: number, label: string, f: number) => {
    const line = `job ${Math.min(done + 1, total)}/${total}: ${label}`;
    if (done < total) bar.update((done + f) / total, line);
    else bar.done(line);
  };
  return { signal: abortOnSignals(), ...(showsProgress(process.stderr) ? { onProgress } : {}) };
}

/** A sweep's progress: a bar on a terminal, advanced as each job ends; stop on a signal. */
export function cliSweepProgress(): {
  signal: AbortSignal;
  onProgress?: (done: number, total: number, label: string) => void;
} {
  const bar = progressBar(process.stderr);
  const signal = abortOnSignals();
  // Each job on the pool listens to it while it runs or waits.
  setMaxListeners(0, signal);
  const onProgress = (done: number, total: number, label: string) => {
    const line = `${done}/${total} jobs done (last: ${label})`;
    if (done < total) bar.update(done / total, line);
    else bar.done(line);
  };
  return { signal, ...(showsProgress(process.stderr) ? { onProgress } : {}) };
}
