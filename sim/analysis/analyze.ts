/**
 * The code complexity analyzer: source text to metrics per function, and
 * for the file the scores and profiles the policies use.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { languageOf, type LanguageSpec } from "./languages.js";
import { measureTree, type FunctionMetrics } from "./metrics.js";
import { parse } from "./parser.js";
import {
  complexityScore,
  resourceDemand,
  resourceProfile,
  seed000Score,
  type ResourceDemandProfile,
  type ResourceProfile,
} from "./scores.js";

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

export async function analyzeSource(
  source: string,
  lang: LanguageSpec,
  path = `<${lang.name}>`,
): Promise<FileAnalysis> {
  const tree = await parse(source, lang);
  try {
    const { functions, imports } = measureTree(tree.rootNode, lang);
    const scored = functions.map((f) => ({ ...f, complexityScore: complexityScore(f, imports) }));
    const hottest = scored.reduce((a, b) => (b.complexityScore > a.complexityScore ? b : a));
    const sum = (k: "ioCalls" | "networkCalls" | "criticalSections") =>
      functions.reduce((a, f) => a + f[k], 0);
    const s000 = Math.max(...functions.map((f) => seed000Score(f, imports)));
    let errors = 0;
    const countErrors = (n: {
      hasError: boolean;
      type: string;
      namedChildren: (typeof tree.rootNode | null)[];
    }) => {
      if (n.type === "ERROR") errors++;
      else if (n.hasError) for (const c of n.namedChildren) if (c) countErrors(c);
    };
    countErrors(tree.rootNode);
    return {
      path,
      language: lang.name,
      lines: source.length === 0 ? 0 : source.split("\n").length,
      syntaxErrors: errors,
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

/** Source files under `path` (or `path` itself) in a language the analyzer knows, sorted. */
export function sourceFiles(path: string): string[] {
  const st = statSync(path);
  if (st.isFile()) return languageOf(path) ? [path] : [];
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) visit(p);
      else if (languageOf(p)) out.push(p);
    }
  };
  visit(path);
  return out;
}

export async function analyzePath(path: string): Promise<FileAnalysis[]> {
  const results: FileAnalysis[] = [];
  const base = statSync(path).isDirectory() ? path : join(path, "..");
  for (const file of sourceFiles(path)) {
    results.push(
      await analyzeSource(
        readFileSync(file, "utf8"),
        languageOf(file)!,
        relative(base, file) || file,
      ),
    );
  }
  return results;
}
