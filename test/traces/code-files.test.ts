import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { isFailure } from "../../sim/analysis/analyze.js";
import { loadCodeCorpus } from "../../traces/code-corpus.js";
import { analyzePath, sourceFiles } from "../../traces/code-files.js";

const tmp = mkdtempSync(join(tmpdir(), "provisim-code-files-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A directory with a normal file, a compiled program named like code, and a link to nothing. */
function mixedDir(name: string): string {
  const dir = join(tmp, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "ok.js"), "function ok(x) { return x + 1; }\n");
  copyFileSync("/bin/ls", join(dir, "ls.js"));
  symlinkSync(join(dir, "missing-target.js"), join(dir, "dangling.js"));
  return dir;
}

test("files are listed depth first in name order, a directory where its name sorts", () => {
  const dir = join(tmp, "order");
  mkdirSync(join(dir, "b", "c"), { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  for (const f of [
    "a.py",
    "b/x.go",
    "b/c/y.rs",
    "c.ts",
    "notes.txt",
    ".hidden.js",
    "node_modules/m.js",
  ])
    writeFileSync(join(dir, f), "x\n");
  expect(sourceFiles(dir).map((p) => p.slice(dir.length + 1))).toEqual([
    "a.py",
    "b/c/y.rs",
    "b/x.go",
    "c.ts",
  ]);
});

test("a binary is skipped, an unreadable file is a row with its error, the rest are analyzed", async () => {
  const { results, skipped } = await analyzePath(mixedDir("mixed"));
  expect(skipped).toEqual(["ls.js"]);
  expect(results.map((r) => r.path)).toEqual(["dangling.js", "ok.js"]);
  const [dangling, ok] = results;
  expect(dangling).toEqual({
    path: "dangling.js",
    language: "javascript",
    error: "cannot read it: ENOENT: no such file or directory",
  });
  expect(isFailure(ok!)).toBe(false);
  expect(ok).toMatchObject({ language: "javascript", lines: 2 });
});

test("a corpus leaves out, with a warning each, the files it cannot use", async () => {
  const dir = mixedDir("corpus");
  const warnings: string[] = [];
  const programs = await loadCodeCorpus(dir, (w) => warnings.push(w));
  expect(programs.map((p) => p.path)).toEqual(["ok.js"]);
  expect(warnings).toEqual([
    `${join(dir, "ls.js")}: not a text file, left out of the code`,
    `${join(dir, "dangling.js")}: cannot read it: ENOENT: no such file or directory, left out of the code`,
  ]);
});
