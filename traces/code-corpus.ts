/**
 * A directory of code as the programs a workload's functions run: each file
 * is analyzed once for the features policies see, and, where the directory
 * has a manifest.json (traces/code has one), its documented demand model
 * gives the true demand; otherwise the demand is inferred from the analysis.
 * A file that is not text, or cannot be analyzed, is left out with a warning.
 */
import { TraceError } from "./reader.js";
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { isFailure, type FileAnalysis } from "../sim/analysis/analyze.js";
import type { MemoryProfile } from "../sim/model/memory-profile.js";
import type { CodeFeatures } from "../sim/policies/types.js";
import { analyzePath } from "./code-files.js";
import type { ComplexityClass } from "./complexity-class.js";
import { readManifest } from "./code-manifest.js";

/** How a program's demand grows with its input (input-demand.ts), from the manifest. */
export interface InputScaling {
  /** Time class in the program's natural size n, and its name as the manifest gives it. */
  readonly complexity: ComplexityClass;
  readonly complexityName: string;
  /** Class of its memory above the runtime's own. */
  readonly space: ComplexityClass;
  readonly referenceInputBytes: number;
  /** The program's n at the reference input. */
  readonly referenceN: number;
  /** n grows as inputBytes to this power (0.5 for an n x n matrix given as bytes). */
  readonly sizeExponent: number;
  /** Memory of the runtime before any data: what does not grow. */
  readonly baseMemMiB: number;
}

export interface ProgramDemand {
  readonly cpuSeconds: number;
  readonly parallelFraction: number;
  readonly memMiB: number;
  readonly gpuSpeedup: number;
  /** IO of a run at the reference input. */
  readonly ioReadMiB: number;
  readonly ioWriteMiB: number;
  /** How memory grows during a run; absent: linear from 0. */
  readonly memory?: MemoryProfile;
  /** Absent: the demand does not depend on the input. */
  readonly scaling?: InputScaling;
}

export interface CodeProgram {
  readonly path: string;
  readonly features: CodeFeatures;
  /** The documented demand of one typical request, when the corpus has one. */
  readonly demand: ProgramDemand | null;
  /** The program's version, when its manifest says. */
  readonly version?: string;
}

export function featuresOf(a: FileAnalysis): CodeFeatures {
  const hottest = a.functions.reduce((x, y) => (y.complexityScore > x.complexityScore ? y : x));
  return {
    codeId: a.path,
    language: a.language,
    complexityScore: a.complexityScore,
    seed000Score: a.seed000Score,
    profile: a.profile,
    bigO: hottest.bigO,
    cyclomatic: hottest.cyclomatic,
    cognitive: hottest.cognitive,
    loopNesting: hottest.loopNesting,
    parallelism: a.demand.parallelism,
    cpuCoresMax: a.demand.cpuCores.max,
    memMiBMin: a.demand.memoryMiB.min,
    memMiBMax: a.demand.memoryMiB.max,
    cpuCoresMin: a.demand.cpuCores.min,
    iops: a.demand.iops,
    networkMbps: a.demand.networkMbps,
    criticalSections: a.demand.criticalSections,
  };
}

const warnOnStderr = (message: string) => process.stderr.write(`sim: warning: ${message}\n`);

export async function loadCodeCorpus(
  dir: string,
  warn: (message: string) => void = warnOnStderr,
): Promise<CodeProgram[]> {
  const manifestPath = join(dir, "manifest.json");
  const manifest = existsSync(manifestPath)
    ? readManifest(manifestPath, readFileSync(manifestPath, "utf8"))
    : undefined;
  const { results, skipped } = await analyzePath(dir);
  for (const path of skipped) warn(`${join(dir, path)}: not a text file, left out of the code`);
  const files: FileAnalysis[] = [];
  for (const r of results) {
    if (isFailure(r)) warn(`${join(dir, r.path)}: ${r.error}, left out of the code`);
    else files.push(r);
  }
  if (files.length === 0) throw new TraceError(dir, 0, "no source file in a known language");
  return files.map((a) => {
    const entry = manifest?.get(a.path);
    return {
      path: a.path,
      features: featuresOf(a),
      demand: entry?.demand ?? null,
      ...(entry?.version === undefined ? {} : { version: entry.version }),
    };
  });
}

/**
 * The programs of `corpus` at `paths` (relative to its directory `dir`), in
 * that order. A listed file left out of the corpus (not analyzable) is an error.
 */
export function pickPrograms(
  corpus: readonly CodeProgram[],
  paths: readonly string[],
  dir: string,
): CodeProgram[] {
  const byPath = new Map(corpus.map((p) => [p.path, p]));
  return paths.map((p) => {
    const program = byPath.get(posix.normalize(p.replaceAll("\\", "/")));
    if (!program) throw new TraceError(join(dir, p), 0, "listed in programs: but not analyzed");
    return program;
  });
}
