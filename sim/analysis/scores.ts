/**
 * Scores and profiles derived from the metrics, one per seed document:
 * - complexityScore (seed 001): 0-100, a weighted blend of saturating
 *   metrics, so one extreme metric cannot alone reach 100;
 * - the seed 000 score and its table (0-10 Small, 11-25 Medium, 26-50
 *   Large, 51+ Extreme): decision points, nesting, data structures and
 *   external dependencies, added;
 * - the Resource Demand Profile of seed 003: CPU cores and memory ranges,
 *   IOPS, network bandwidth, parallelism potential, critical sections.
 * The weights are stated here, in one place, so they can be calibrated.
 */
import type { FunctionMetrics } from "./metrics.js";

export type ResourceProfile = "Small" | "Medium" | "Large" | "Extreme";

export interface ResourceDemandProfile {
  readonly cpuCores: { readonly min: number; readonly max: number };
  readonly memoryMiB: { readonly min: number; readonly max: number };
  readonly iops: number;
  readonly networkMbps: number;
  /** 0 (serial) to 1 (embarrassingly parallel). */
  readonly parallelism: number;
  readonly criticalSections: number;
}

const sat = (value: number, reference: number) => Math.min(1, value / reference);

/** Seed 001: 0-100. */
export function complexityScore(m: FunctionMetrics, externalDeps: number): number {
  const s =
    0.25 * sat(m.cyclomatic - 1, 20) +
    0.2 * sat(m.cognitive, 30) +
    0.2 * sat(m.loopNesting + (m.recursive ? 1 : 0), 3) +
    0.15 * sat(m.halsteadVolume, 4000) +
    0.1 * sat(m.collections + 2 * m.growthInLoops, 12) +
    0.1 * sat(externalDeps, 10);
  return Math.round(1000 * s) / 10;
}

/** Seed 000: the summed score. */
export function seed000Score(m: FunctionMetrics, externalDeps: number): number {
  return m.cyclomatic + 2 * m.maxNesting + m.collections + m.growthInLoops + externalDeps;
}

/** Seed 000's lookup table. */
export function resourceProfile(score: number): ResourceProfile {
  if (score <= 10) return "Small";
  if (score <= 25) return "Medium";
  if (score <= 50) return "Large";
  return "Extreme";
}

/** Seed 003's profile, from the hottest function's metrics and the file's totals. */
export function resourceDemand(
  m: FunctionMetrics,
  totals: { ioCalls: number; networkCalls: number; criticalSections: number },
): ResourceDemandProfile {
  // Loops that build no shared state parallelize; locks and recursion limit it.
  const loopWork = m.loopNesting > 0 ? 0.5 + 0.15 * Math.min(m.loopNesting, 3) : 0.1;
  const parallelism = Math.max(
    0,
    Math.min(1, loopWork - 0.1 * totals.criticalSections - (m.recursive ? 0.2 : 0)),
  );
  const cpuMax = Math.max(1, Math.min(16, 2 ** Math.round(parallelism * 4)));
  const memMin = 128 + 32 * m.collections;
  const memMax = memMin * (1 + 2 * Math.min(m.growthInLoops, 8)) * (m.loopNesting >= 2 ? 2 : 1);
  return {
    cpuCores: { min: 1, max: cpuMax },
    memoryMiB: { min: memMin, max: memMax },
    iops: totals.ioCalls * (m.loopNesting > 0 ? 200 : 20),
    networkMbps: totals.networkCalls * (m.loopNesting > 0 ? 50 : 10),
    parallelism: Math.round(100 * parallelism) / 100,
    criticalSections: totals.criticalSections,
  };
}
