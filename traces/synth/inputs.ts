/**
 * Inputs of synthetic requests (`workload.synth.input`): each function has
 * a number of distinct parameter sets, each drawn once with its input size
 * (the function's program's reference input, times the function's own
 * spread, times a draw of `size`) and its hash (params-hash.ts, of a key
 * from a seeded stream); each request calls one set, uniformly. The same
 * hash always comes with the same size, as the same parameters would.
 */
import { samplerOf, type DistSpec } from "../../sim/random/spec.js";
import type { RandomStreams } from "../../sim/random/streams.js";
import type { CodeProgram } from "../code-corpus.js";
import { paramsHash } from "../params-hash.js";

export interface SynthInput {
  /** Each parameter set's input, relative to its function's reference (1 = the reference). */
  readonly size: DistSpec;
  /** Each function's typical input relative to its program's reference, drawn once. */
  readonly spread: DistSpec;
  /** The reference input of a function whose program documents none. */
  readonly referenceBytes: number;
  /** Distinct parameter sets per function. */
  readonly paramSets: number;
  /** Coefficient of variation of each function's log-normal factor on its true CPU and memory. */
  readonly noise: number;
}

export interface RequestInput {
  readonly inputBytes: number;
  readonly inputHash: string;
}

/** A function's parameter sets, and the request input it draws next. */
export type InputDraw = (functionId: number) => RequestInput;

export function requestInputs(
  spec: SynthInput,
  functions: number,
  programs: readonly CodeProgram[],
  streams: RandomStreams,
): InputDraw {
  const setStream = streams.stream("workload/input-sets");
  const size = samplerOf(spec.size, setStream);
  const spread = samplerOf(spec.spread, setStream);
  const sets: RequestInput[][] = [];
  for (let f = 0; f < functions; f++) {
    const program = programs.length > 0 ? programs[f % programs.length]! : null;
    const reference = program?.demand?.scaling?.referenceInputBytes ?? spec.referenceBytes;
    const typical = reference * spread();
    const own: RequestInput[] = [];
    for (let k = 0; k < spec.paramSets; k++) {
      // A 53-bit key: two draws, so the hashes of a function's sets rarely collide.
      const key =
        Math.floor(setStream() * 2097152) * 4294967296 + Math.floor(setStream() * 4294967296);
      own.push({
        inputBytes: Math.max(1, Math.round(typical * size())),
        inputHash: paramsHash(`fn-${f}:${key}`),
      });
    }
    sets.push(own);
  }
  const choice = streams.stream("workload/input-choice");
  return (f) => {
    const own = sets[f]!;
    return own[Math.min(own.length - 1, Math.floor(choice() * own.length))]!;
  };
}
