/**
 * The code complexity analyzer: source text to metrics per function, and
 * for the file the scores and profiles the policies use. It reads no files:
 * callers pass the text, and the WebAssembly binaries of the parser.
 */
import type { LanguageSpec } from "./languages.js";
import { measureTree, type FunctionMetrics } from "./metrics.js";
import { parse, type WasmBinaries } from "./parser.js";
import {
  complexityScore,
  resourceDemand,
  resourceProfile,
  seed000Score,
  type ResourceDemandProfile,
  type ResourceProfile,
} from "./scores.js";
import { countSyntaxErrors } from "./syntax-errors.js";

export type { WasmBinaries } from "./parser.js";

export interface FileAnalysis {
  readonly path: string;
  readonly language: string;
  readonly lines: number;
  /** Lines tree-sitter could not parse (recovered as ERROR nodes). */
  readonly syntaxErrors: number;
  readonly functions: readonly (FunctionMetrics & { readonly complexityScore: number })[];
  readonly imports: number;
  /** The file's scores are those of its most complex function. */
  readonly complexityScore: number;
  readonly seed000Score: number;
  readonly profile: ResourceProfile;
  readonly demand: ResourceDemandProfile;
}

/** A file in a known language that could not be analyzed, and why: its row in a report. */
export interface FileFailure {
  readonly path: string;
  readonly language: string;
  readonly error: string;
}

export type FileResult = FileAnalysis | FileFailure;

export const isFailure = (r: FileResult): r is FileFailure => "error" in r;

export async function analyzeSource(
  source: string,
  lang: LanguageSpec,
  wasm: WasmBinaries,
  path = `<${lang.name}>`,
): Promise<FileAnalysis> {
  const tree = await parse(source, lang, wasm);
  try {
    const { functions, imports } = measureTree(tree.rootNode, lang);
    const scored = functions.map((f) => ({ ...f, complexityScore: complexityScore(f, imports) }));
    const hottest = scored.reduce((a, b) => (b.complexityScore > a.complexityScore ? b : a));
    const sum = (k: "ioCalls" | "networkCalls" | "criticalSections") =>
      functions.reduce((a, f) => a + f[k], 0);
    // A reduce, not Math.max(...): a file may hold more functions than a call takes arguments.
    const s000 = functions.reduce((a, f) => Math.max(a, seed000Score(f, imports)), -Infinity);
    return {
      path,
      language: lang.name,
      lines: lineCount(source),
      syntaxErrors: countSyntaxErrors(tree.rootNode),
      functions: scored,
      imports,
      complexityScore: hottest.complexityScore,
      seed000Score: s000,
      profile: resourceProfile(s000),
      demand: resourceDemand(hottest, {
        ioCalls: sum("ioCalls"),
        networkCalls: sum("networkCalls"),
        criticalSections: sum("criticalSections"),
      }),
    };
  } finally {
    tree.delete();
  }
}

/**
 * One file of a directory: its analysis, or why it has none. A file that
 * breaks the analyzer is that file's row, never the end of the directory.
 */
export async function analyzeFile(
  source: string,
  lang: LanguageSpec,
  wasm: WasmBinaries,
  path: string,
): Promise<FileResult> {
  try {
    return await analyzeSource(source, lang, wasm, path);
  } catch (e) {
    return { path, language: lang.name, error: e instanceof Error ? e.message : String(e) };
  }
}

function lineCount(source: string): number {
  if (source.length === 0) return 0;
  let lines = 1;
  for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) lines++;
  return lines;
}
