/**
 * A request's predicted demand: the trained model's quantiles (or nothing,
 * cold), corrected per program by what its completions measured. The
 * correction is a weighted least-squares line of the log residual
 * (measured over base) on the log input size, with forgetting, shrunk
 * toward the residual seen over all programs while a program is new: a
 * program the model misjudges, or one it never saw, is learned from a few
 * runs; a new version starts again from the prior.
 */
import { RESOURCES } from "../../predict/resource-predictor.js";
import type { ResourcePredictor } from "../../predict/resource-predictor.js";
import type { RequestView } from "../types.js";
import type { MlPredictiveConfig } from "./config.js";
import { baseOf, programOf } from "./program-memo.js";

/** Per resource (RESOURCES order) five weighted sums: w, x, r, x^2, x r (one line's sufficient statistics). */
export const FIT_WIDTH = 5;
const N = RESOURCES.length;
const SLOT_WIDTH = N * FIT_WIDTH;

/**
 * The programs' lines in slots (flat arrays: no object per program, no
 * key deleted from a record when a program is forgotten).
 */
export interface LearnedDemand {
  /** Program key per slot; "" for a slot free since its program was forgotten. */
  keys: string[];
  /** Order of each slot's latest completion, for eviction. */
  seen: number[];
  /** SLOT_WIDTH sums per slot. */
  fits: number[];
  /** Slots in use. */
  size: number;
  /** Mean and mean square of the log residual over all programs, by resource (exponential averages). */
  prior: { mean: number[]; square: number[]; count: number };
  order: number;
}

export interface Demand {
  /** Medians, then 90th percentiles, by resource (RESOURCES order). */
  readonly p50: number[];
  readonly p90: number[];
}

/** z of the 90th percentile of a normal: the spread of a log-normal residual. */
const Z90 = 1.2816;
/** Weight a new residual has in the prior's averages (about the last 200 completions). */
const PRIOR_RATE = 0.01;
/** Ridge on the slope's denominator, in squared log input units. */
const RIDGE = 0.02;

export const emptyDemand = (): LearnedDemand => ({
  keys: [],
  seen: [],
  fits: [],
  size: 0,
  prior: { mean: [0, 0, 0], square: [0, 0, 0], count: 0 },
  order: 0,
});

export const newDemand = (): Demand => ({ p50: [0, 0, 0], p90: [0, 0, 0] });

/** The programs whose lines are kept. */
export const programKeys = (learned: LearnedDemand): string[] =>
  learned.keys.filter((k) => k !== "");

/** The program a request runs: its code id and version, or its function without code. */
export function programKey(r: RequestView): string {
  return programOf(r).key;
}

const logInput = (r: RequestView) => Math.log1p(Math.max(0, r.inputBytes ?? 0));

/** The learned log residual of resource k of a program at log input x. */
function residual(fits: number[], slot: number, k: number, x: number, prior: number, kw: number) {
  if (slot < 0) return prior;
  const o = slot * SLOT_WIDTH + k * FIT_WIDTH;
  const w = fits[o]!;
  if (w <= 0) return prior;
  const sx = fits[o + 1]!;
  const sr = fits[o + 2]!;
  const xm = sx / w;
  const mean = (sr + kw * prior) / (w + kw);
  const varX = fits[o + 3]! / w - xm * xm;
  const cov = fits[o + 4]! / w - xm * (sr / w);
  const slope = w >= 2 ? (cov * w) / ((varX + RIDGE) * (w + kw)) : 0;
  return mean + slope * (x - xm);
}

/** The demand of request `r`, written into `out` (a fresh one by default). */
export function predictDemand(
  learned: LearnedDemand,
  model: ResourcePredictor | null,
  c: MlPredictiveConfig,
  r: RequestView,
  out: Demand = newDemand(),
): Demand {
  const program = programOf(r);
  const b = baseOf(program, model, r);
  const x = logInput(r);
  const slot = slotOf(learned, program.key);
  const { mean, square, count } = learned.prior;
  for (let k = 0; k < N; k++) {
    const mid = b.mid[k]! + residual(learned.fits, slot, k, x, mean[k]!, c.priorWeight);
    out.p50[k] = Math.exp(mid);
    // With a model its spread is the interval; cold, the prior's spread is.
    const spread = model
      ? Math.max(b.spread[k]!, 0)
      : Math.max(0, Z90 * (count > 1 ? Math.sqrt(Math.max(0, square[k]! - mean[k]! ** 2)) : 0));
    out.p90[k] = Math.exp(mid + spread);
  }
  return out;
}

/** Learns one completed request's measured figures (RESOURCES order). */
export function learnDemand(
  learned: LearnedDemand,
  model: ResourcePredictor | null,
  c: MlPredictiveConfig,
  r: RequestView,
  measured: readonly number[],
): void {
  const program = programOf(r);
  const b = baseOf(program, model, r);
  const x = logInput(r);
  let slot = slotOf(learned, program.key);
  if (slot < 0) slot = insert(learned, program.key, c.maxPrograms);
  learned.seen[slot] = ++learned.order;
  const prior = learned.prior;
  prior.count++;
  const rate = Math.max(PRIOR_RATE, 1 / prior.count);
  const f = learned.fits;
  const d = c.decay;
  for (let k = 0; k < N; k++) {
    const res = Math.log(Math.max(measured[k]!, 1e-9)) - b.mid[k]!;
    const o = slot * SLOT_WIDTH + k * FIT_WIDTH;
    f[o] = d * f[o]! + 1;
    f[o + 1] = d * f[o + 1]! + x;
    f[o + 2] = d * f[o + 2]! + res;
    f[o + 3] = d * f[o + 3]! + x * x;
    f[o + 4] = d * f[o + 4]! + x * res;
    prior.mean[k]! += (res - prior.mean[k]!) * rate;
    prior.square[k]! += (res * res - prior.square[k]!) * rate;
  }
}

/**
 * Where each program's slot is, and the free slots (lowest last): derived
 * from the state's `keys` (rebuilt after a JSON round trip), so it is no
 * state itself. Keyed by the keys array, which a state keeps for life.
 */
interface Index {
  readonly slots: Map<string, number>;
  readonly free: number[];
}
const indexes = new WeakMap<string[], Index>();

function indexOf(learned: LearnedDemand): Index {
  let ix = indexes.get(learned.keys);
  if (!ix) {
    ix = { slots: new Map(), free: [] };
    const keys = learned.keys;
    for (let s = keys.length - 1; s >= 0; s--)
      if (keys[s] === "") ix.free.push(s);
      else ix.slots.set(keys[s]!, s);
    indexes.set(keys, ix);
  }
  return ix;
}

const slotOf = (learned: LearnedDemand, key: string): number =>
  indexOf(learned).slots.get(key) ?? -1;

/** A slot for a new program (its sums zero), forgetting the least recently completed when full. */
function insert(learned: LearnedDemand, key: string, maxPrograms: number): number {
  const ix = indexOf(learned);
  if (learned.size >= maxPrograms) evict(learned, ix, maxPrograms - 1);
  let slot = ix.free.pop();
  if (slot === undefined) {
    slot = learned.keys.length;
    learned.keys.push(key);
    learned.seen.push(0);
    for (let j = 0; j < SLOT_WIDTH; j++) learned.fits.push(0);
  } else {
    learned.keys[slot] = key;
    learned.fits.fill(0, slot * SLOT_WIDTH, (slot + 1) * SLOT_WIDTH);
  }
  ix.slots.set(key, slot);
  learned.size++;
  return slot;
}

/**
 * Keeps the `keep` most recently completed programs, dropping at least a
 * quarter of them, so the ages are ranked once per many inserts.
 */
function evict(learned: LearnedDemand, ix: Index, keep: number): void {
  const { keys, seen } = learned;
  const used: number[] = [];
  for (let s = 0; s < keys.length; s++) if (keys[s] !== "") used.push(seen[s]!);
  const drop = Math.max(used.length - keep, Math.ceil(used.length / 4));
  // Completion orders are distinct: the drop-th smallest is the cut.
  const cut = Float64Array.from(used).sort()[drop - 1]!;
  for (let s = keys.length - 1; s >= 0; s--) {
    if (keys[s] === "" || seen[s]! > cut) continue;
    ix.slots.delete(keys[s]!);
    keys[s] = "";
    seen[s] = 0;
    ix.free.push(s);
  }
  learned.size = used.length - drop;
}
