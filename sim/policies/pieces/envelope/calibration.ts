/**
 * What an envelope's confidence is worth, learned from how often envelopes
 * like it held. The bound an envelope is built at (envelope-of.ts) is a
 * floor: CPU and memory grow together with the input, so both ranges hold
 * together more often than Bonferroni allows for. Envelopes are put in
 * buckets by where they came from (the input's profile or the program's)
 * and the bound they were built at, in tenths; each bucket counts the
 * completed requests whose CPU-seconds and peak memory both fell inside.
 * The confidence stated is the bucket's share, starting from the bound as
 * a prior worth PRIOR_WEIGHT completions, so a bucket states its bound
 * until it has seen enough.
 */
import type { EnvelopeLevel } from "./envelope-source.js";
import type { Range, ResourceEnvelope } from "./envelope-of.js";

/** Completions the bound counts for before any is seen. */
export const PRIOR_WEIGHT = 20;

const TENTHS = 10;

/** Held and seen, per bucket: plain arrays, so the policy's state stays JSON. */
export interface Calibration {
  readonly held: readonly number[];
  readonly seen: readonly number[];
}

export function newCalibration(): Calibration {
  const zeros = Array.from({ length: 2 * TENTHS }, () => 0);
  return { held: zeros, seen: zeros };
}

/** The bucket of an envelope built at `bound` from a profile at `level`. */
export function bucketOf(level: EnvelopeLevel, bound: number): number {
  const tenth = Math.min(TENTHS - 1, Math.max(0, Math.floor(bound * TENTHS)));
  return (level === "input" ? 0 : TENTHS) + tenth;
}

/** The confidence an envelope of `bucket`, built at `bound`, is stated at. */
export function statedConfidence(cal: Calibration, bucket: number, bound: number): number {
  const held = cal.held[bucket] ?? 0;
  const seen = cal.seen[bucket] ?? 0;
  const share = (held + PRIOR_WEIGHT * bound) / (seen + PRIOR_WEIGHT);
  return Math.min(0.999, Math.max(0.01, share));
}

/** Whether a measurement fell inside an envelope's CPU and memory ranges. */
export function heldBy(
  env: { readonly cpuSeconds: Range; readonly peakMemMiB: Range },
  cpuSeconds: number,
  peakMemMiB: number,
): boolean {
  const [c0, c1] = env.cpuSeconds;
  const [m0, m1] = env.peakMemMiB;
  return cpuSeconds >= c0 && cpuSeconds <= c1 && peakMemMiB >= m0 && peakMemMiB <= m1;
}

/** The calibration after one more completion of `bucket`. */
export function learnHeld(cal: Calibration, bucket: number, held: boolean): Calibration {
  return {
    held: cal.held.map((n, i) => (i === bucket && held ? n + 1 : n)),
    seen: cal.seen.map((n, i) => (i === bucket ? n + 1 : n)),
  };
}

/** The envelope, stated at its bucket's confidence. */
export function calibrated(
  cal: Calibration,
  bucket: number,
  env: ResourceEnvelope,
): ResourceEnvelope {
  return { ...env, confidence: statedConfidence(cal, bucket, env.confidence) };
}
