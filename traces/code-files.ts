/**
 * A file or directory of code, read and analyzed file by file: the edge
 * where the analyzer's input comes from disk. Files that are not text
 * (a binary named ls.js) are skipped with a warning; a file that cannot be
 * read or analyzed is a row with its error, and the rest are analyzed.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { analyzeFile, type FileResult } from "../sim/analysis/analyze.js";
import { languageOf } from "../sim/analysis/languages.js";
import { installedWasm } from "./tree-sitter-binaries.js";

/** Source files under `path` (or `path` itself) in a language the analyzer knows, sorted. */
export function sourceFiles(path: string): string[] {
  if (statSync(path).isFile()) return languageOf(path) ? [path] : [];
  const out: string[] = [];
  // Depth first in name order, a directory's files where its name sorts; a stack, not
  // recursion, since directories nest deeply too.
  const pending: { path: string; dir: boolean }[] = [{ path, dir: true }];
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (!item.dir) {
      out.push(item.path);
      continue;
    }
    const entries = readdirSync(item.path, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    );
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = join(item.path, entry.name);
      if (entry.isDirectory()) pending.push({ path: p, dir: true });
      // Pipes and sockets would block a read; a symbolic link is read for what it points at.
      else if ((entry.isFile() || entry.isSymbolicLink()) && languageOf(p))
        pending.push({ path: p, dir: false });
    }
  }
  return out;
}

/** A byte no text file holds (git's test too): a compiled program, an image, UTF-16. */
const isBinary = (bytes: Buffer) => bytes.includes(0);

export interface PathAnalysis {
  /** A row per source file, in path order. */
  readonly results: FileResult[];
  /** Files with a source file's name that are not text, by path. */
  readonly skipped: string[];
}

/** Every source file under `path`, analyzed; paths are relative to `path` (a file: to its directory). */
export async function analyzePath(path: string): Promise<PathAnalysis> {
  const results: FileResult[] = [];
  const skipped: string[] = [];
  const base = statSync(path).isDirectory() ? path : join(path, "..");
  for (const file of sourceFiles(path)) {
    const lang = languageOf(file)!;
    const shown = relative(base, file) || file;
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      results.push({ path: shown, language: lang.name, error: `cannot read it: ${readError(e)}` });
      continue;
    }
    if (isBinary(bytes)) skipped.push(shown);
    else results.push(await analyzeFile(bytes.toString("utf8"), lang, installedWasm, shown));
  }
  return { results, skipped };
}

/** `ENOENT: no such file or directory`, without the path the row already shows. */
function readError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.replace(/, \w+ '.*'$/s, "");
}
