/**
 * Where an output is made before it is whole: a hidden name beside its
 * target, `.NAME.partial-PID`, which no reader takes for a trace or a run
 * (it ends in neither .csv nor .gz), moved onto the target once complete.
 * A process killed outright leaves one behind; the next writer of the same
 * target removes those of processes that are gone.
 */
import { readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

// A partial copy, or the earlier output a new one is replacing.
const PARTIAL = /^\.(.+)\.(?:partial|replaced)-(\d+)$/;

/** The partial copy of `target` this process writes. */
export function partialPath(target: string, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.partial-${pid}`);
}

/** Where the earlier output of `target` waits while the new one is moved in. */
export function replacedPath(target: string, pid = process.pid): string {
  return join(dirname(target), `.${basename(target)}.replaced-${pid}`);
}

/** Removes the partial copies of `target` whose process is gone; returns their paths. */
export function removeStalePartials(target: string): string[] {
  const dir = dirname(target);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const m = PARTIAL.exec(name);
    if (!m || m[1] !== basename(target)) continue;
    const pid = Number(m[2]);
    if (pid === process.pid || isRunning(pid)) continue;
    const path = join(dir, name);
    rmSync(path, { recursive: true, force: true });
    removed.push(path);
  }
  return removed;
}

/**
 * Writes `data` to `target` whole or not at all: into its partial copy,
 * then moved onto it. On failure the partial copy is removed and the error
 * thrown on, for the caller to name its flag.
 */
export function writeFileWhole(target: string, data: string | Uint8Array): void {
  removeStalePartials(target);
  const partial = partialPath(target);
  try {
    writeFileSync(partial, data);
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
