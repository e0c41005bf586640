/**
 * A resource envelope (seed 004) from a behavioral profile: the ranges of
 * CPU-seconds, peak memory and execution time a next execution of the same
 * program on the same input should fall in, with the confidence that holds.
 *
 * The profile keeps exact min and max and sample quantiles (p50, p90, p99);
 * a quantile between them is interpolated linearly. Each range is central
 * at level 1 - (1 - c) / 2, so both hold together with confidence at least
 * c (Bonferroni). With n observations, n - 1 of n + 1 of the next ones fall
 * inside the observed [min, max], so a small profile cannot claim more:
 * the confidence stated is then what its range can hold.
 */
import type { MetricStats, ProfileStats } from "../../../profiles/types.js";

export type Range = readonly [number, number];

export interface ResourceEnvelope {
  readonly cpuSeconds: Range;
  readonly peakMemMiB: Range;
  readonly executionS: Range;
  /** Medians: the point predictions. */
  readonly median: {
    readonly cpuSeconds: number;
    readonly peakMemMiB: number;
    readonly executionS: number;
  };
  /** A floor on how often both the CPU and the memory range hold, in (0, 1) (calibration.ts learns what it is worth). */
  readonly confidence: number;
  readonly samples: number;
}

/** The q-quantile of a metric, interpolated through min, p50, p90, p99 and max. */
export function quantileOf(m: MetricStats, q: number): number {
  const knots: readonly (readonly [number, number])[] = [
    [0, m.min],
    [0.5, m.p50],
    [0.9, m.p90],
    [0.99, m.p99],
    [1, m.max],
  ];
  const x = Math.min(1, Math.max(0, q));
  for (let i = 1; i < knots.length; i++) {
    const [q1, v1] = knots[i]!;
    const [q0, v0] = knots[i - 1]!;
    if (x <= q1) return v0 + ((v1 - v0) * (x - q0)) / (q1 - q0);
  }
  return m.max;
}

function centralRange(m: MetricStats, level: number): Range {
  const lo = quantileOf(m, (1 - level) / 2);
  const hi = quantileOf(m, (1 + level) / 2);
  return [Math.min(lo, hi), Math.max(lo, hi)];
}

/** Confidences are kept inside (0, 1), as the predict action requires. */
const FLOOR = 0.01;
const CEILING = 0.999;

export function envelopeOf(stats: ProfileStats, confidence: number): ResourceEnvelope {
  const n = stats.count;
  const wanted = 1 - (1 - confidence) / 2;
  // What n observations' [min, max] can hold of the next one.
  const attainable = n >= 1 ? (n - 1) / (n + 1) : 0;
  const level = Math.min(wanted, attainable);
  const m = stats.metrics;
  const range = (metric: MetricStats): Range =>
    level >= wanted ? centralRange(metric, level) : [metric.min, metric.max];
  return {
    cpuSeconds: range(m.cpuSeconds),
    peakMemMiB: range(m.peakMemMiB),
    executionS: range(m.executionS),
    median: {
      cpuSeconds: m.cpuSeconds.p50,
      peakMemMiB: m.peakMemMiB.p50,
      executionS: m.executionS.p50,
    },
    confidence: Math.min(CEILING, Math.max(FLOOR, 1 - 2 * (1 - level))),
    samples: n,
  };
}
