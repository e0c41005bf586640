import type { SynthWorkload } from "../../traces/synth/workload.js";

/** A small synthetic workload for tests; override what a test is about. */
export function synthSpec(overrides: Partial<SynthWorkload> = {}): SynthWorkload {
  return {
    ratePerS: 10,
    pattern: { kind: "poisson" },
    notifications: null,
    functions: 10,
    zipfExponent: 0,
    cpuSeconds: { kind: "constant", value: 0.1 },
    cpuVariation: 0,
    parallelFraction: 0,
    memMiB: { kind: "constant", value: 128 },
    gpuShare: 0,
    gpuSpeedup: 1,
    ...overrides,
  };
}
