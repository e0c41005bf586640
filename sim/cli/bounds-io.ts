/**
 * Bounds files at the command line's edge: read and checked (a problem is a
 * UsageError, one line, exit code 2) and written whole.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { boundsJson, type BoundsFile } from "../../reports/bounds/bounds-file.js";
import { BoundsFileError, parseBounds } from "../../reports/bounds/parse-bounds.js";
import { writeFileWhole } from "../../traces/partial-file.js";
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

/** Written whole or not at all; a file that cannot be written is one line. */
export function writeBoundsFile(file: string, bounds: BoundsFile): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileWhole(file, boundsJson(bounds));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: cannot write the bounds (${code ?? (e as Error).message})`);
  }
}
