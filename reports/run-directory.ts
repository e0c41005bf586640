/**
 * The --out directory of a run, written whole: every file goes to a hidden
 * staging directory beside it, and the staging directory becomes --out
 * once complete, replacing an earlier run's, so no file of an old run is
 * ever left beside a new one and a failed run leaves nothing.
 */
import { mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { checkDirectoryTarget, OutputError } from "../traces/output-path.js";
import { partialPath, removeStalePartials, replacedPath } from "../traces/partial-file.js";

/** The files a run writes: an --out holding only these may be replaced. */
export const RUN_FILES = [
  "run.json",
  "summary.json",
  "summary.csv",
  "timeseries.csv",
  "requests.csv",
  "report.html",
  "sweep.json",
  "sweep.csv",
  "shard.json",
  // What `sim plan --out` writes.
  "plan.json",
  "plan.html",
] as const;

function entriesOf(dir: string): string[] | undefined {
  try {
    return statSync(dir).isDirectory() ? readdirSync(dir) : undefined;
  } catch {
    return undefined;
  }
}

export class RunDirectory {
  /** Where the files go until commit. */
  readonly staging: string;
  private readonly target: string;
  /** The first directory made for the staging one's parent, removed with it on discard. */
  private readonly madeParent: string | undefined;
  private done = false;

  /** Checks `out`, removes what killed runs left beside it, and makes the staging directory. */
  constructor(out: string) {
    this.target = resolve(out);
    checkDirectoryTarget(out);
    const foreign = (entriesOf(this.target) ?? []).filter(
      (f) => !(RUN_FILES as readonly string[]).includes(f),
    );
    if (foreign.length > 0) {
      throw new OutputError(
        out,
        `holds files no run wrote (${foreign.slice(0, 3).join(", ")}${foreign.length > 3 ? ", ..." : ""}); name a new or empty directory, or a previous run's`,
      );
    }
    try {
      this.madeParent = mkdirSync(dirname(this.target), { recursive: true });
      removeStalePartials(this.target);
      this.staging = partialPath(this.target);
      rmSync(this.staging, { recursive: true, force: true });
      mkdirSync(this.staging);
    } catch (e) {
      this.removeMadeParents();
      const code = (e as NodeJS.ErrnoException).code;
      throw new OutputError(
        out,
        `cannot write in ${dirname(this.target)} (${code ?? (e as Error).message})`,
      );
    }
  }

  path(name: (typeof RUN_FILES)[number]): string {
    return join(this.staging, name);
  }

  /** Moves the staging directory onto --out, in place of an earlier run's. */
  commit(): void {
    const old = replacedPath(this.target);
    const hadOld = entriesOf(this.target) !== undefined;
    if (hadOld) renameSync(this.target, old);
    try {
      renameSync(this.staging, this.target);
    } catch (e) {
      // The earlier run stays, whole.
      if (hadOld) renameSync(old, this.target);
      throw e;
    }
    this.done = true;
    if (hadOld) rmSync(old, { recursive: true, force: true });
  }

  /** Removes the staging directory (and any parent made for it); after commit, nothing. */
  discard(): void {
    if (this.done) return;
    this.done = true;
    rmSync(this.staging, { recursive: true, force: true });
    this.removeMadeParents();
  }

  private removeMadeParents(): void {
    if (this.madeParent === undefined) return;
    const top = resolve(this.madeParent);
    // From the deepest up to the first one made, while each is empty.
    for (let d = dirname(this.target); d.startsWith(top); d = dirname(d)) {
      try {
        rmdirSync(d);
      } catch {
        return;
      }
      if (d === top) return;
    }
  }
}
