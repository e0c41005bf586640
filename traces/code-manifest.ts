/**
 * A code directory's manifest.json: each program's documented demand at a
 * reference input, and how it grows with the input. Checked as it is read;
 * every problem is reported at once, each with its program and field.
 */
import type { MemoryProfile } from "../sim/model/memory-profile.js";
import type { ProgramDemand } from "./code-corpus.js";
import { COMPLEXITY_NAMES, parseComplexity, type ComplexityClass } from "./complexity-class.js";
import { TraceError } from "./reader.js";

export interface ManifestEntry {
  readonly demand: ProgramDemand;
  readonly version?: string;
}

type Fields = Record<string, unknown>;

/** Reads one program's fields, noting each problem under `at`. */
class ProgramReader {
  constructor(
    private readonly p: Fields,
    private readonly at: string,
    private readonly problems: string[],
  ) {}

  private bad(field: string, why: string): undefined {
    this.problems.push(`${this.at}.${field}: ${why}`);
    return undefined;
  }

  number(field: string, check: (x: number) => boolean, why: string): number | undefined {
    const v = this.p[field];
    if (v === undefined) return undefined;
    return typeof v === "number" && Number.isFinite(v) && check(v) ? v : this.bad(field, why);
  }

  required(field: string, check: (x: number) => boolean, why: string): number {
    if (this.p[field] === undefined) return this.bad(field, "missing") ?? NaN;
    return this.number(field, check, why) ?? NaN;
  }

  text(field: string): string | undefined {
    const v = this.p[field];
    if (v === undefined) return undefined;
    return typeof v === "string" && v !== "" ? v : this.bad(field, "must be a non-empty text");
  }

  complexity(field: string): ComplexityClass | undefined {
    const name = this.text(field);
    if (name === undefined) return undefined;
    return (
      parseComplexity(name) ??
      this.bad(field, `"${name}" is not a complexity class; known: ${COMPLEXITY_NAMES}`)
    );
  }

  memoryProfile(): MemoryProfile | undefined {
    const v = this.p.memoryProfile;
    if (v === undefined) return undefined;
    const m = (typeof v === "object" && v !== null ? v : {}) as Fields;
    const share = (x: unknown) => typeof x === "number" && x >= 0 && x <= 1;
    if (m.kind === "steady") return { kind: "steady" };
    if (m.kind === "linear" && share(m.startFrac))
      return { kind: "linear", startFrac: m.startFrac as number };
    if (m.kind === "spike" && share(m.baseFrac) && share(m.atFrac))
      return { kind: "spike", baseFrac: m.baseFrac as number, atFrac: m.atFrac as number };
    return this.bad(
      "memoryProfile",
      "must be { kind: steady }, { kind: linear, startFrac } or { kind: spike, baseFrac, atFrac }, fractions from 0 to 1",
    );
  }
}

const nonNegative = (x: number) => x >= 0;
const positive = (x: number) => x > 0;
const share = (x: number) => x >= 0 && x <= 1;

function entryOf(p: Fields, at: string, problems: string[]): ManifestEntry {
  const r = new ProgramReader(p, at, problems);
  const memMiB = r.required("memMiB", nonNegative, "must be a number >= 0");
  const complexity = r.complexity("complexity");
  const space = r.complexity("space");
  const referenceInputBytes = r.number("referenceInputBytes", positive, "must be a number > 0");
  const referenceN = r.number("referenceN", positive, "must be a number > 0");
  const sizeExponent = r.number("sizeExponent", positive, "must be a number > 0") ?? 1;
  const baseMemMiB =
    r.number("baseMemMiB", (x) => x >= 0 && !(x > memMiB), "must be from 0 to memMiB") ?? 0;
  if (complexity && referenceInputBytes === undefined)
    problems.push(`${at}.referenceInputBytes: a complexity needs the input it is measured at`);
  if (complexity && referenceN === undefined)
    problems.push(`${at}.referenceN: a complexity needs the program's n at the reference input`);
  const memory = r.memoryProfile();
  const version = r.text("version");
  const demand: ProgramDemand = {
    cpuSeconds: r.required("cpuSeconds", nonNegative, "must be a number >= 0"),
    parallelFraction: r.required("parallelFraction", share, "must be from 0 to 1"),
    memMiB,
    gpuSpeedup: r.required("gpuSpeedup", (x) => x >= 1, "must be a number >= 1"),
    // Older manifests give IO as one figure: taken as read.
    ioReadMiB:
      r.number("ioReadMiB", nonNegative, "must be a number >= 0") ??
      r.number("ioMiB", nonNegative, "must be a number >= 0") ??
      0,
    ioWriteMiB: r.number("ioWriteMiB", nonNegative, "must be a number >= 0") ?? 0,
    ...(memory ? { memory } : {}),
    ...(complexity && referenceInputBytes !== undefined && referenceN !== undefined
      ? {
          scaling: {
            complexity,
            complexityName: String(p.complexity),
            space: space ?? complexity,
            referenceInputBytes,
            referenceN,
            sizeExponent,
            baseMemMiB,
          },
        }
      : {}),
  };
  return { demand, ...(version === undefined ? {} : { version }) };
}

/** The entries of a manifest's text, by program path; a TraceError naming `file` lists every problem. */
export function readManifest(file: string, text: string): Map<string, ManifestEntry> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TraceError(file, 0, `not a readable JSON manifest: ${(e as Error).message}`);
  }
  const programs = (json as Fields | null)?.programs;
  if (typeof programs !== "object" || programs === null || Array.isArray(programs))
    throw new TraceError(file, 0, "bad manifest: programs must be an object of programs by path");
  const problems: string[] = [];
  const out = new Map<string, ManifestEntry>();
  for (const [path, p] of Object.entries(programs as Fields)) {
    const at = `programs["${path}"]`;
    if (typeof p !== "object" || p === null || Array.isArray(p)) {
      problems.push(`${at}: must be an object`);
      continue;
    }
    out.set(path, entryOf(p as Fields, at, problems));
  }
  if (problems.length > 0) throw new TraceError(file, 0, `bad manifest: ${problems.join("; ")}`);
  return out;
}
