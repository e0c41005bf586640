/**
 * Checks an output path before any work is done, so a run or an import
 * that could not write its result fails at once, with one line.
 */
import { accessSync, constants, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";

/** An output path that cannot be written: exit code 2, no stack. */
export class OutputError extends Error {
  override name = "OutputError";
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The nearest directory at or above `path` that exists; an error when a file is in the way. */
export function nearestDirectory(target: string, path: string): string {
  for (let p = resolve(path); ; p = dirname(p)) {
    const st = statOf(p);
    if (st?.isDirectory()) return p;
    if (st) throw new OutputError(target, `${p} is a file, not a directory`);
    if (dirname(p) === p) throw new OutputError(target, "no directory to write in");
  }
}

function checkWritable(target: string, dir: string): void {
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    throw new OutputError(target, `cannot write in ${dir}`);
  }
}

/** A file to write: not a directory, in a directory that exists and may be written. */
export function checkFileTarget(path: string): void {
  if (statOf(path)?.isDirectory())
    throw new OutputError(path, "is a directory; name a file (.csv or .csv.gz)");
  const dir = resolve(dirname(path));
  const st = statOf(dir);
  if (!st) {
    nearestDirectory(path, dir);
    throw new OutputError(path, `no such directory: ${dir}`);
  }
  if (!st.isDirectory()) throw new OutputError(path, `${dir} is a file, not a directory`);
  checkWritable(path, dir);
}

/**
 * A directory to write (made with its parents if need be): not a file, not
 * under one, and where it or its nearest existing parent may be written.
 * Returns that nearest existing directory.
 */
export function checkDirectoryTarget(path: string): string {
  const st = statOf(path);
  if (st && !st.isDirectory()) throw new OutputError(path, "is a file, not a directory");
  const parent = nearestDirectory(path, dirname(resolve(path)));
  checkWritable(path, parent);
  return parent;
}
