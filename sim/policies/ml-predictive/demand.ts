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

/** Weighted sums of (1, x, r, x^2, x r): one line's sufficient statistics. */
export type Fit = [w: number, sx: number, sr: number, sxx: number, sxr: number];

export interface ProgramFit {
  /** Order of its latest completion, for eviction. */
  seen: number;
  /** By resource, in RESOURCES order. */
  fits: Fit[];
}

export interface LearnedDemand {
  /** By program key. */
  programs: Record<string, ProgramFit>;
  /** Mean and mean square of the log residual over all programs, by resource (exponential averages). */
  prior: { mean: number[]; square: number[]; count: number };
  order: number;
}

export interface Demand {
  /** Medians, then 90th percentiles, by resource (RESOURCES order). */
  readonly p50: readonly number[];
  readonly p90: readonly number[];
}

/** z of the 90th percentile of a normal: the spread of a log-normal residual. */
const Z90 = 1.2816;
/** Weight a new residual has in the prior's averages (about the last 200 completions). */
const PRIOR_RATE = 0.01;
/** Base predictions kept per model (a memo of a pure function; cleared when full). */
const MEMO_SIZE = 8192;
interface Base {
  readonly mid: readonly number[];
  readonly spread: readonly number[];
}
const NO_MODEL: Base = { mid: [0, 0, 0], spread: [0, 0, 0] };
const memos = new WeakMap<ResourcePredictor, Map<string, Base>>();
/** Ridge on the slope's denominator, in squared log input units. */
const RIDGE = 0.02;

export const emptyDemand = (): LearnedDemand => ({
  programs: {},
  prior: { mean: [0, 0, 0], square: [0, 0, 0], count: 0 },
  order: 0,
});

export function programKey(r: RequestView): string {
  return r.codeId === undefined ? `fn:${r.functionId}` : `${r.codeId}@${r.codeVersion ?? ""}`;
}

const logInput = (r: RequestView) => Math.log1p(Math.max(0, r.inputBytes ?? 0));

/** The model's log medians and log spreads (p90 over p50), or zeros without a model. */
function base(model: ResourcePredictor | null, r: RequestView): Base {
  if (!model) return NO_MODEL;
  // The same program on the same input size: the same prediction, computed once.
  const key = `${programKey(r)}|${r.inputBytes ?? 0}`;
  let memo = memos.get(model);
  if (!memo) memos.set(model, (memo = new Map()));
  const known = memo.get(key);
  if (known) return known;
  const q = model.predict(r.features, r.inputBytes ?? 0);
  const mid: number[] = [];
  const spread: number[] = [];
  for (const res of RESOURCES) {
    const [p50, p90] = q[res];
    mid.push(Math.log(p50!));
    spread.push(Math.max(0, Math.log(p90! / p50!)));
  }
  if (memo.size >= MEMO_SIZE) memo.clear();
  const b = { mid, spread };
  memo.set(key, b);
  return b;
}

/** The learned log residual of a program at log input x. */
function residual(fit: Fit | undefined, x: number, prior: number, k: number): number {
  if (!fit || fit[0] <= 0) return prior;
  const [w, sx, sr, sxx, sxr] = fit;
  const xm = sx / w;
  const mean = (sr + k * prior) / (w + k);
  const varX = sxx / w - xm * xm;
  const cov = sxr / w - xm * (sr / w);
  const slope = w >= 2 ? (cov * w) / ((varX + RIDGE) * (w + k)) : 0;
  return mean + slope * (x - xm);
}

export function predictDemand(
  learned: LearnedDemand,
  model: ResourcePredictor | null,
  c: MlPredictiveConfig,
  r: RequestView,
): Demand {
  const b = base(model, r);
  const x = logInput(r);
  const fits = learned.programs[programKey(r)]?.fits;
  const p50: number[] = [];
  const p90: number[] = [];
  const { mean, square, count } = learned.prior;
  for (let k = 0; k < RESOURCES.length; k++) {
    const priorSd = count > 1 ? Math.sqrt(Math.max(0, square[k]! - mean[k]! ** 2)) : 0;
    const mid = b.mid[k]! + residual(fits?.[k], x, mean[k]!, c.priorWeight);
    p50.push(Math.exp(mid));
    p90.push(Math.exp(mid + Math.max(b.spread[k]!, model ? 0 : Z90 * priorSd)));
  }
  return { p50, p90 };
}

/** Learns one completed request's measured figures (RESOURCES order). */
export function learnDemand(
  learned: LearnedDemand,
  model: ResourcePredictor | null,
  c: MlPredictiveConfig,
  r: RequestView,
  measured: readonly number[],
): void {
  const b = base(model, r);
  const x = logInput(r);
  const key = programKey(r);
  let p = learned.programs[key];
  if (!p) {
    evictIfFull(learned, c.maxPrograms - 1);
    p = learned.programs[key] = { seen: 0, fits: RESOURCES.map((): Fit => [0, 0, 0, 0, 0]) };
  }
  p.seen = ++learned.order;
  const prior = learned.prior;
  prior.count++;
  const rate = Math.max(PRIOR_RATE, 1 / prior.count);
  for (let k = 0; k < RESOURCES.length; k++) {
    const res = Math.log(Math.max(measured[k]!, 1e-9)) - b.mid[k]!;
    const f = p.fits[k]!;
    const d = c.decay;
    f[0] = d * f[0] + 1;
    f[1] = d * f[1] + x;
    f[2] = d * f[2] + res;
    f[3] = d * f[3] + x * x;
    f[4] = d * f[4] + x * res;
    prior.mean[k]! += (res - prior.mean[k]!) * rate;
    prior.square[k]! += (res * res - prior.square[k]!) * rate;
  }
}

/** When full, the least recently completed quarter goes (one sort per many inserts). */
function evictIfFull(learned: LearnedDemand, keep: number): void {
  const keys = Object.keys(learned.programs);
  if (keys.length <= keep) return;
  const byAge = keys.sort((a, b) => learned.programs[a]!.seen - learned.programs[b]!.seen);
  const drop = Math.max(keys.length - keep, Math.ceil(keys.length / 4));
  for (const k of byAge.slice(0, drop)) delete learned.programs[k];
}
