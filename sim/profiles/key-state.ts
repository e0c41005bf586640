/**
 * One key's kept state and how an observation updates it. Pure, so the
 * in-memory, SQLite and PostgreSQL stores hold the same state for the same
 * observations.
 *
 * Bounded: a reservoir (Vitter's algorithm R) keeps a uniform sample of
 * `sampleSize` metric rows however many are recorded; each draw is seeded by
 * (limits.seed, key, count), so it needs no generator state and a replay
 * gives the same sample. Sums, minima and maxima are exact.
 */
import seedrandom from "seedrandom";
import type { ProfileLimits } from "./limits.js";
import { PROFILE_METRICS, type KeyState, type ProfileObservation } from "./types.js";

export function metricRow(o: ProfileObservation): number[] {
  return PROFILE_METRICS.map((m) => o[m]);
}

export function keyName(codeId: string, codeVersion: string, inputHash: string): string {
  return JSON.stringify([codeId, codeVersion, inputHash]);
}

export function emptyKey(codeId: string, codeVersion: string, inputHash: string): KeyState {
  const n = PROFILE_METRICS.length;
  return {
    codeId,
    codeVersion,
    inputHash,
    count: 0,
    firstSeq: 0,
    lastSeq: 0,
    firstS: Infinity,
    lastS: -Infinity,
    sum: new Array<number>(n).fill(0),
    min: new Array<number>(n).fill(Infinity),
    max: new Array<number>(n).fill(-Infinity),
    sample: [],
    recent: [],
    sequences: {},
  };
}

/** Misra-Gries: a new id takes a free slot, or every counter (and it) loses one. */
function countSequence(seqs: Record<string, number>, id: string, slots: number): void {
  if (id === "") return;
  if (seqs[id] !== undefined) {
    seqs[id]++;
    return;
  }
  const ids = Object.keys(seqs);
  if (ids.length < slots) {
    seqs[id] = 1;
    return;
  }
  for (const k of ids) if (--seqs[k]! === 0) delete seqs[k];
}

/** Adds `o`, the store's observation number `seq`, to `k` (in place). */
export function addObservation(
  k: KeyState,
  o: ProfileObservation,
  seq: number,
  limits: ProfileLimits,
): void {
  const row = metricRow(o);
  k.count++;
  if (k.count === 1) k.firstSeq = seq;
  k.lastSeq = seq;
  k.firstS = Math.min(k.firstS, o.timestampS);
  k.lastS = Math.max(k.lastS, o.timestampS);
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    k.sum[i]! += v;
    if (v < k.min[i]!) k.min[i] = v;
    if (v > k.max[i]!) k.max[i] = v;
  }
  if (k.sample.length < limits.sampleSize) k.sample.push(row);
  else {
    const draw = seedrandom.alea(
      `${limits.seed}|${keyName(k.codeId, k.codeVersion, k.inputHash)}|${k.count}`,
    );
    const j = Math.floor(draw() * k.count);
    if (j < limits.sampleSize) k.sample[j] = row;
  }
  k.recent.push({ seq, obs: o });
  if (k.recent.length > limits.recentSize) k.recent.shift();
  countSequence(k.sequences, o.sequenceId, limits.sequenceSlots);
}

/** A JSON round trip turns Infinity into null: what a store reads back is put right here. */
export function reviveKey(k: KeyState): KeyState {
  const fix = (xs: (number | null)[], empty: number) => xs.map((x) => (x === null ? empty : x));
  return {
    ...k,
    firstS: (k.firstS as number | null) ?? Infinity,
    lastS: (k.lastS as number | null) ?? -Infinity,
    min: fix(k.min, Infinity),
    max: fix(k.max, -Infinity),
  };
}
