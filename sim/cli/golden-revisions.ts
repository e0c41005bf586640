/**
 * The golden summaries (scenarios/golden/*.json) of a commit, read with
 * `git show`, or of the working tree: what `sim compare --golden` compares.
 * Errors name the revision or say that there is no repository.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { GoldenFile, GoldenSet } from "../../reports/compare/compare-goldens.js";
import { UsageError } from "../run/usage-error.js";

export const GOLDEN_DIR = "scenarios/golden";

/** A golden file's name: a review copy (`-changed.json`) is not one. */
const isGolden = (name: string) => name.endsWith(".json") && !name.endsWith("-changed.json");

function git(cwd: string, args: readonly string[]): string {
  try {
    return execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 256 << 20,
    });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new UsageError("--golden needs git, which is not on the PATH");
    throw Object.assign(new Error((err.stderr ?? err.message).trim()), { gitFailed: true });
  }
}

/** The top of the git repository holding `cwd`. */
export function repositoryRoot(cwd: string): string {
  try {
    return git(cwd, ["rev-parse", "--show-toplevel"]).trim();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `--golden: ${cwd} is not inside a git repository (it compares ${GOLDEN_DIR}/ between commits)`,
    );
  }
}

function commitOf(root: string, rev: string): string {
  try {
    return git(root, [
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${rev}^{commit}`,
    ]).trim();
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--golden: bad revision "${rev}": no such commit in ${root}`);
  }
}

export function goldensAtRevision(root: string, rev: string): GoldenSet {
  const commit = commitOf(root, rev);
  const listed = git(root, ["ls-tree", "--name-only", "-z", commit, "--", `${GOLDEN_DIR}/`])
    .split("\0")
    .filter((p) => p !== "" && isGolden(p.slice(GOLDEN_DIR.length + 1)));
  const files = new Map<string, GoldenFile>();
  for (const path of listed) {
    const name = path.slice(GOLDEN_DIR.length + 1, -".json".length);
    files.set(name, { path: `${rev}:${path}`, text: git(root, ["show", `${commit}:${path}`]) });
  }
  const short = commit.slice(0, 12);
  return { label: rev === short ? rev : `${rev} (${short})`, files };
}

export function goldensInWorkingTree(root: string): GoldenSet {
  const dir = join(root, GOLDEN_DIR);
  let names: string[];
  try {
    names = readdirSync(dir).filter(isGolden).sort();
  } catch {
    names = [];
  }
  const files = new Map<string, GoldenFile>();
  for (const n of names) {
    const path = join(GOLDEN_DIR, n);
    files.set(n.slice(0, -".json".length), { path, text: readFileSync(join(root, path), "utf8") });
  }
  return { label: "the working tree", files };
}
