/** How many rows a trace file holds, where that is cheap to know. */
import { closeSync, openSync, readSync, statSync } from "node:fs";

/** Above this a plain file is not counted: reading it would take seconds. */
const MAX_COUNTED_BYTES = 64 << 20;
const NEWLINE = 10;

/** Data rows of a plain CSV trace of moderate size (its lines less the header), else null. */
export function countTraceRows(file: string): number | null {
  if (file.endsWith(".gz")) return null;
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  if (size > MAX_COUNTED_BYTES) return null;
  const fd = openSync(file, "r");
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let lines = 0;
    let last = NEWLINE;
    for (let n = readSync(fd, buf); n > 0; n = readSync(fd, buf)) {
      for (let i = 0; i < n; i++) if (buf[i] === NEWLINE) lines++;
      last = buf[n - 1]!;
    }
    if (last !== NEWLINE) lines++;
    return Math.max(0, lines - 1);
  } finally {
    closeSync(fd);
  }
}
