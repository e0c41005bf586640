/**
 * The Kubernetes VPA recommender's model, per workload: decaying
 * histograms of CPU use (cores, weighted by the CPU requested) and of
 * memory peaks; target = p90 + 15%, lower bound = p50 and upper bound =
 * p95 (each + 15%), widened while history is short; an out-of-memory kill
 * recorded as a peak of max(use x 1.2, use + 100 MiB); floors of 25
 * millicores and 250 MiB. Defaults are the recommender's flags
 * (kubernetes/autoscaler vertical-pod-autoscaler: --target-cpu-percentile
 * 0.9, --recommendation-margin-fraction 0.15, --cpu/memory-histogram-decay-half-life
 * 24h, --oom-bump-up-ratio 1.2, --oom-min-bump-up-bytes 100 MiB,
 * --pod-recommendation-min-cpu-millicores 25, --pod-recommendation-min-memory-mb 250;
 * buckets 0.01 cores and 1e7 bytes wide at first, 5% wider each).
 */
import {
  addSample,
  EMPTY_HISTOGRAM,
  percentile,
  type DecayingHistogram,
  type HistogramShape,
} from "./decaying-histogram.js";

export interface VpaSettings {
  readonly targetPercentile: number;
  readonly lowerPercentile: number;
  readonly upperPercentile: number;
  readonly marginFraction: number;
  readonly halfLifeS: number;
  readonly oomBumpRatio: number;
  readonly oomMinBumpMiB: number;
  readonly minCpuCores: number;
  readonly minMemMiB: number;
  /** Smallest weight of a CPU sample (in cores requested). */
  readonly minSampleWeight: number;
}

export const VPA_DEFAULTS: VpaSettings = {
  targetPercentile: 0.9,
  lowerPercentile: 0.5,
  upperPercentile: 0.95,
  marginFraction: 0.15,
  halfLifeS: 24 * 3600,
  oomBumpRatio: 1.2,
  oomMinBumpMiB: 100,
  minCpuCores: 0.025,
  minMemMiB: 250,
  minSampleWeight: 0.1,
};

const MIB = 1024 * 1024;
const cpuShape = (s: VpaSettings): HistogramShape => ({
  first: 0.01,
  ratio: 1.05,
  halfLifeS: s.halfLifeS,
});
const memShape = (s: VpaSettings): HistogramShape => ({
  first: 1e7 / MIB,
  ratio: 1.05,
  halfLifeS: s.halfLifeS,
});

/** What the recommender keeps per workload: plain JSON. */
export interface VpaHistory {
  readonly cpu: DecayingHistogram;
  readonly mem: DecayingHistogram;
  /**
   * First CPU sample's time and the number of CPU samples, for the
   * confidence of the bounds. Memory peaks do not count, as in the
   * recommender: a container killed for memory before it ran leaves no CPU
   * history to size from.
   */
  readonly firstS: number | null;
  readonly samples: number;
}

export const EMPTY_HISTORY: VpaHistory = {
  cpu: EMPTY_HISTOGRAM,
  mem: EMPTY_HISTOGRAM,
  firstS: null,
  samples: 0,
};

export interface Recommendation {
  readonly cpu: { readonly lower: number; readonly target: number; readonly upper: number };
  readonly memMiB: { readonly lower: number; readonly target: number; readonly upper: number };
}

/** A CPU use sample: `cores` in use on average, by a container that requested `requestedCores`. */
export function recordCpu(
  s: VpaSettings,
  h: VpaHistory,
  cores: number,
  requestedCores: number,
  atS: number,
): VpaHistory {
  const weight = Math.max(requestedCores, s.minSampleWeight);
  return {
    ...h,
    firstS: h.firstS ?? atS,
    samples: h.samples + 1,
    cpu: addSample(cpuShape(s), h.cpu, cores, weight, atS),
  };
}

/** A memory peak sample. */
export function recordMemory(
  s: VpaSettings,
  h: VpaHistory,
  peakMiB: number,
  atS: number,
): VpaHistory {
  return { ...h, mem: addSample(memShape(s), h.mem, peakMiB, 1, atS) };
}

/** An out-of-memory kill at `usedMiB`: recorded as a peak above it. */
export function recordOutOfMemory(
  s: VpaSettings,
  h: VpaHistory,
  usedMiB: number,
  atS: number,
): VpaHistory {
  const bumped = Math.max(usedMiB * s.oomBumpRatio, usedMiB + s.oomMinBumpMiB);
  return recordMemory(s, h, bumped, atS);
}

/**
 * The recommendation now. The bounds widen while history is short: with
 * confidence c = min(days of history, samples / 1440), upper x (1 + 1/c)
 * and lower x (1 + 0.001/c)^-2, as the recommender scales them.
 */
export function recommend(s: VpaSettings, h: VpaHistory, nowS: number): Recommendation {
  const days = h.firstS === null ? 0 : (nowS - h.firstS) / 86400;
  const confidence = Math.min(days, h.samples / 1440);
  const upperScale = confidence > 0 ? 1 + 1 / confidence : Infinity;
  const lowerScale = confidence > 0 ? (1 + 0.001 / confidence) ** -2 : 0;
  const margin = 1 + s.marginFraction;
  const bounds = (shape: HistogramShape, hist: DecayingHistogram, floor: number) => {
    const at = (p: number) => percentile(shape, hist, p) * margin;
    return {
      lower: Math.max(floor, at(s.lowerPercentile) * lowerScale),
      target: Math.max(floor, at(s.targetPercentile)),
      upper: Math.max(floor, at(s.upperPercentile) * upperScale),
    };
  };
  return {
    cpu: bounds(cpuShape(s), h.cpu, s.minCpuCores),
    memMiB: bounds(memShape(s), h.mem, s.minMemMiB),
  };
}
