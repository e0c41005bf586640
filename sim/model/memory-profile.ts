/**
 * How a request's memory grows with the work it has done, up to its peak
 * (`Demand.memMiB`): what usage samples report, and where a request whose
 * peak outgrows its limit runs out of memory.
 */
import type { Demand } from "./request.js";

export type MemoryProfile =
  /** The peak from the start (a runtime that reserves its heap). */
  | { readonly kind: "steady" }
  /** From `startFrac` of the peak at the start to the peak at the end (data that accumulates). */
  | { readonly kind: "linear"; readonly startFrac: number }
  /** `baseFrac` of the peak until `atFrac` of the work is done, then the peak (a late spike). */
  | { readonly kind: "spike"; readonly baseFrac: number; readonly atFrac: number };

const LINEAR_FROM_ZERO: MemoryProfile = { kind: "linear", startFrac: 0 };

/** Memory in use once `frac` (0..1) of the work is done. */
export function memoryAtMiB(demand: Demand, frac: number): number {
  const peak = demand.memMiB;
  const p = demand.memory ?? LINEAR_FROM_ZERO;
  switch (p.kind) {
    case "steady":
      return peak;
    case "linear":
      return peak * (p.startFrac + (1 - p.startFrac) * Math.min(1, Math.max(0, frac)));
    case "spike":
      return frac < p.atFrac ? peak * p.baseFrac : peak;
  }
}

/**
 * The fraction of the work at which use first exceeds `limitMiB`, or null
 * when it never does: the moment a request runs out of memory.
 */
export function outOfMemoryFrac(demand: Demand, limitMiB: number): number | null {
  const peak = demand.memMiB;
  if (peak <= limitMiB) return null;
  const p = demand.memory ?? LINEAR_FROM_ZERO;
  switch (p.kind) {
    case "steady":
      return 0;
    case "linear": {
      const start = peak * p.startFrac;
      return start > limitMiB ? 0 : (limitMiB - start) / (peak - start);
    }
    case "spike":
      return peak * p.baseFrac > limitMiB ? 0 : p.atFrac;
  }
}
