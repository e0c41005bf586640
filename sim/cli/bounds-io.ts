/**
 * Bounds files at the command line's edge: read and checked (a problem is a
 * UsageError, one line, exit code 2) and written whole.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { boundsJson, type BoundsFile } from "../../reports/bounds/bounds-file.js";
import { BoundsFileError, parseBounds } from "../../reports/bounds/parse-bounds.js";
import { UsageError } from "../run/usage-error.js";

export function readBoundsFile(file: string, hint: string): BoundsFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : (e as Error).message;
    throw new UsageError(`${file}: ${why}; ${hint}`);
  }
  try {
    return parseBounds(text, file);
  } catch (e) {
    throw e instanceof BoundsFileError ? new UsageError(e.message) : e;
  }
}

/** Writes beside the target first, so a reader never sees half a file. */
export function writeBoundsFile(file: string, bounds: BoundsFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  writeFileSync(partial, boundsJson(bounds));
  renameSync(partial, file);
}
