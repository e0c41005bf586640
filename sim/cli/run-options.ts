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
