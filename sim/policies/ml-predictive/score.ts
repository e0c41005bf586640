/**
 * Seed 001's complexity score and its rolling average: predicted
 * CPU-seconds on a log scale from `scoreRange.low` (0) to `.high` (100);
 * the average against the Low/Medium/High thresholds sets how fast the warm
 * pools may grow.
 */
import type { MlPredictiveConfig } from "./config.js";

export type Level = "low" | "medium" | "high";

export function complexityScore(c: MlPredictiveConfig, cpuSeconds: number): number {
  const { low, high } = c.scoreRange;
  const t = Math.log(cpuSeconds / low) / Math.log(high / low);
  return Math.min(100, Math.max(0, 100 * t));
}

/** The exponential average of span `n` after one more score (the first score starts it). */
export function rollingAverage(avg: number | null, score: number, n: number): number {
  return avg === null ? score : avg + ((score - avg) * 2) / (n + 1);
}

export function levelOf(c: MlPredictiveConfig, avg: number | null): Level {
  if (avg === null || avg < c.thresholds.medium) return "low";
  return avg < c.thresholds.high ? "medium" : "high";
}
