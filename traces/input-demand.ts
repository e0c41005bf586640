/**
 * A request's true demand from its program and its input: the documented
 * demand at the reference input, scaled by the program's complexity class
 * at the request's n (CPU), by its space class (memory above the runtime's
 * own), and in proportion to the input (IO). Noise is the caller's.
 */
import type { ProgramDemand } from "./code-corpus.js";
import { growth } from "./complexity-class.js";

const MIB = 1024 * 1024;

export interface DemandAtInput {
  readonly cpuSeconds: number;
  readonly memMiB: number;
  readonly ioReadBytes: number;
  readonly ioWriteBytes: number;
}

/** Without an input size, or a program without scaling, the reference demand. */
export function demandAtInput(d: ProgramDemand, inputBytes: number | undefined): DemandAtInput {
  const s = d.scaling;
  const ratio = s && inputBytes !== undefined ? inputBytes / s.referenceInputBytes : 1;
  if (!s || ratio === 1)
    return {
      cpuSeconds: d.cpuSeconds,
      memMiB: d.memMiB,
      ioReadBytes: d.ioReadMiB * MIB,
      ioWriteBytes: d.ioWriteMiB * MIB,
    };
  const n = s.referenceN * Math.pow(ratio, s.sizeExponent);
  const data = d.memMiB - s.baseMemMiB;
  return {
    cpuSeconds: d.cpuSeconds * growth(s.complexity, n, s.referenceN),
    memMiB: s.baseMemMiB + data * growth(s.space, n, s.referenceN),
    ioReadBytes: d.ioReadMiB * MIB * ratio,
    ioWriteBytes: d.ioWriteMiB * MIB * ratio,
  };
}
