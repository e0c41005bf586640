/**
 * The learning allocator: LinUCB (sim/predict) chooses the margin a
 * container gets over its envelope's upper bounds, from a small context
 * (how much is known of the key, how wide its envelope is), and learns from
 * each execution's reward: its cost in VM share-seconds, less a penalty for
 * a missed latency target and a larger one for running out of memory.
 */
import { LinUcb, type LinUcbJson } from "../../../predict/linucb.js";
import type { EnvelopeLevel } from "./envelope-source.js";
import type { ResourceEnvelope } from "./envelope-of.js";

export const CONTEXT_DIM = 3;

export interface RewardWeights {
  /** Per VM-share-second over the latency target. */
  readonly cost: number;
  readonly miss: number;
  readonly outOfMemory: number;
}

/** [bias, how little is known (0 the input's own profile, 1 nothing), the envelope's width]. */
export function contextOf(level: EnvelopeLevel, env: ResourceEnvelope | null): number[] {
  const unknown = level === "input" ? 0 : level === "program" ? 0.5 : 1;
  let width = 1;
  if (env) {
    const [lo, hi] = env.peakMemMiB;
    // log2 of hi / lo, up to 3 doublings: a key whose memory varies a lot.
    width = lo > 0 ? Math.min(3, Math.log2(hi / lo)) / 3 : 1;
  }
  return [1, unknown, width];
}

export function newBandit(arms: number, alpha: number): LinUcbJson {
  return LinUcb.create(arms, CONTEXT_DIM, { alpha }).toJSON();
}

export function chooseArm(bandit: LinUcbJson, x: readonly number[]): number {
  return LinUcb.fromJSON(bandit).choose(x);
}

export function learnArm(
  bandit: LinUcbJson,
  arm: number,
  x: readonly number[],
  reward: number,
): LinUcbJson {
  const b = LinUcb.fromJSON(bandit);
  b.observe(arm, x, reward);
  return b.toJSON();
}

export function rewardOf(
  w: RewardWeights,
  outcome: { shareSeconds: number; targetS: number; missed: boolean; outOfMemory: boolean },
): number {
  return (
    -w.cost * (outcome.shareSeconds / outcome.targetS) -
    (outcome.missed ? w.miss : 0) -
    (outcome.outOfMemory ? w.outOfMemory : 0)
  );
}
