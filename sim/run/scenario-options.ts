/**
 * Options given beside a scenario file (`sim run --seed`, `--policy`,
 * `--lenient`, `--max-requests`, or a caller of the pipeline) are scenario
 * options: they are written into the loaded document before validate, so
 * they are checked and normalized as if the file had said them.
 */
import { isPlainObject } from "../scenario/zod-issues.js";
import { ScenarioError, type ScenarioIssue } from "../scenario/issues.js";
import type { LoadedScenario } from "../scenario/load.js";
import { UsageError } from "./usage-error.js";

export interface ScenarioOptions {
  readonly seed?: number;
  /** Labels or policy names to run (`run.policies`); all when empty. */
  readonly policies?: readonly string[];
  /** Skip bad trace rows (`workload.trace.lenient`). */
  readonly lenient?: boolean;
  /** Refuse a larger run (`run.maxRequests`). */
  readonly maxRequests?: number;
}

/** Where each option lands in the document. */
const OPTION_PATHS: Record<keyof ScenarioOptions, string> = {
  seed: "seed",
  policies: "run.policies",
  lenient: "workload.trace.lenient",
  maxRequests: "run.maxRequests",
};

/** A problem with an option rather than with the file: named by the option. */
export class ScenarioOptionError extends UsageError {
  override name = "ScenarioOptionError";
  constructor(
    readonly option: keyof ScenarioOptions,
    readonly reason: string,
  ) {
    super(`${option}: ${reason}`);
  }
}

type Doc = Record<string, unknown>;

/** The document with the options written in; the file's own values otherwise. */
export function withOptions(loaded: LoadedScenario, opts: ScenarioOptions): LoadedScenario {
  if (!isPlainObject(loaded.data)) return loaded;
  const data: Doc = { ...loaded.data };
  const run = (): Doc => {
    const r = isPlainObject(data.run) ? { ...data.run } : {};
    data.run = r;
    return r;
  };
  if (opts.seed !== undefined) data.seed = opts.seed;
  if (opts.policies !== undefined && opts.policies.length > 0) run().policies = [...opts.policies];
  if (opts.maxRequests !== undefined) run().maxRequests = opts.maxRequests;
  // Lenient replay is a trace's option; other workloads have no bad rows to skip.
  if (opts.lenient && isPlainObject(data.workload) && isPlainObject(data.workload.trace)) {
    data.workload = { ...data.workload, trace: { ...data.workload.trace, lenient: true } };
  }
  return { ...loaded, data };
}

/**
 * Turns the issues an option caused into an error about that option when
 * they are all there is; with problems of the file's own too, every issue
 * stays in the ScenarioError (every problem at once), each an option caused
 * marked as given on the command line and not placed at a line of the file.
 */
export function blameOptions(e: ScenarioError, opts: ScenarioOptions): Error {
  const given = (Object.keys(OPTION_PATHS) as (keyof ScenarioOptions)[]).filter(
    (k) => opts[k] !== undefined,
  );
  const under = (i: ScenarioIssue, path: string) =>
    i.path === path || i.path.startsWith(`${path}.`) || i.path.startsWith(`${path}[`);
  const causeOf = (i: ScenarioIssue) => given.find((o) => under(i, OPTION_PATHS[o]));
  const caused = e.issues.filter((i) => causeOf(i) !== undefined);
  if (caused.length === 0) return e;
  if (caused.length === e.issues.length) {
    const option = causeOf(caused[0]!)!;
    const own = caused.filter((i) => causeOf(i) === option);
    return new ScenarioOptionError(option, own.map((i) => i.message).join("; "));
  }
  return new ScenarioError(
    e.issues.map((i) =>
      causeOf(i) === undefined
        ? i
        : {
            file: i.file,
            path: i.path,
            message: `${i.path} (given on the command line): ${i.message}`,
          },
    ),
  );
}
