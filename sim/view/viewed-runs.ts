/**
 * The run directories `sim view` is given, checked once at start: each must
 * be a `sim run --out` directory (run.json and summary.json), and each gets
 * a short label, unique among them, that the page shows.
 */
import { statSync } from "node:fs";
import { basename, join, resolve, sep } from "node:path";
import { UsageError } from "../run/usage-error.js";

/** The files of a run directory the viewer reads; nothing else of it is served. */
export const VIEWED_FILES = [
  "run.json",
  "summary.json",
  "summary.csv",
  "timeseries.csv",
  "requests.csv",
] as const;

export type ViewedFile = (typeof VIEWED_FILES)[number];

export interface ViewedRun {
  readonly label: string;
  readonly dir: string;
  /** Which of VIEWED_FILES the directory holds. */
  readonly files: readonly ViewedFile[];
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function checkedDir(dir: string): string {
  const abs = resolve(dir);
  let isDir: boolean;
  try {
    isDir = statSync(abs).isDirectory();
  } catch {
    throw new UsageError(`${dir}: no such directory`);
  }
  if (!isDir) throw new UsageError(`${dir}: not a directory (name a \`sim run --out\` directory)`);
  for (const needed of ["run.json", "summary.json"])
    if (!isFile(join(abs, needed)))
      throw new UsageError(
        `${dir}: not a run directory: it has no ${needed} (\`sim run --out DIR\` writes one)`,
      );
  return abs;
}

/** The shortest tail of each path (one folder name, then two, ...) that tells them apart. */
function labels(dirs: readonly string[]): string[] {
  const parts = dirs.map((d) => d.split(sep).filter((p) => p !== ""));
  for (let depth = 1; ; depth++) {
    const tails = parts.map((p) => p.slice(-depth).join("/") || "/");
    const longest = Math.max(...parts.map((p) => p.length));
    if (new Set(tails).size === tails.length || depth >= longest)
      return tails.map((t, i) => (tails.indexOf(t) === i ? t : `${t} (${i + 1})`));
  }
}

export function viewedRuns(dirs: readonly string[]): ViewedRun[] {
  if (dirs.length === 0) throw new UsageError("name at least one run directory");
  const abs = dirs.map(checkedDir);
  const names = labels(abs);
  return abs.map((dir, i) => ({
    label: names[i] ?? basename(dir),
    dir,
    files: VIEWED_FILES.filter((f) => isFile(join(dir, f))),
  }));
}
