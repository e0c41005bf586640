/**
 * Gradient-boosted trees with the pinball loss: one ensemble per requested
 * quantile. Each round fits a tree to the loss's negative gradient (tau where
 * the row lies above the current prediction, tau - 1 below) on a seeded
 * subsample, then sets every leaf to the tau quantile of its rows' residuals
 * (the loss's exact minimiser there) and adds it, shrunk, to the prediction.
 *
 * Leaves are rounded to a few significant digits while training (and the
 * rounded value is what is added), so the saved JSON is short and a loaded
 * model predicts exactly what the trained one did.
 */
import { binEdges, binMatrix, roundTo } from "./bins.js";
import { checkTau, sampleQuantile } from "./pinball.js";
import { evalTree, growTree, type Tree } from "./regression-tree.js";
import { Seeded } from "./seeded.js";

const LEAF_DIGITS = 6;

export interface GbdtOptions {
  /** Quantile levels, each in (0, 1); predictions come in this order. */
  readonly quantiles: readonly number[];
  readonly rounds?: number;
  readonly learningRate?: number;
  readonly maxDepth?: number;
  readonly minLeaf?: number;
  readonly maxBins?: number;
  /** Fraction of rows each round's tree sees (drawn with the seed). */
  readonly subsample?: number;
  readonly seed?: number;
}

/** The saved form: plain JSON. */
export interface GbdtJson {
  readonly kind: "quantile-gbdt";
  readonly version: 1;
  readonly features: number;
  readonly learningRate: number;
  readonly ensembles: readonly { tau: number; base: number; trees: Tree[] }[];
}

interface Compiled {
  readonly tau: number;
  readonly base: number;
  readonly feature: Int32Array;
  readonly value: Float64Array;
  readonly right: Int32Array;
  /** Start of each tree in the flat arrays. */
  readonly roots: Int32Array;
}

export class QuantileGbdt {
  private readonly compiled: Compiled[];

  private constructor(private readonly json: GbdtJson) {
    this.compiled = json.ensembles.map((e) => compile(e.tau, e.base, e.trees));
  }

  /** Trains on `x` (rows of `features` numbers) and targets `y`. */
  static train(
    x: readonly (readonly number[])[],
    y: ArrayLike<number>,
    options: GbdtOptions,
  ): QuantileGbdt {
    const o = {
      rounds: 200,
      learningRate: 0.1,
      maxDepth: 4,
      minLeaf: 5,
      maxBins: 64,
      subsample: 0.8,
      seed: 1,
      ...options,
    };
    const n = x.length;
    if (n === 0) throw new Error("QuantileGbdt.train: no rows");
    if (y.length !== n) throw new Error(`QuantileGbdt.train: ${n} rows but ${y.length} targets`);
    if (o.quantiles.length === 0) throw new Error("QuantileGbdt.train: no quantiles asked for");
    o.quantiles.forEach((t) => checkTau(t, "QuantileGbdt.train"));
    if (!(o.subsample > 0 && o.subsample <= 1))
      throw new Error("QuantileGbdt.train: subsample must be in (0, 1]");
    if (!(o.maxBins >= 2 && o.maxBins <= 256))
      throw new Error("QuantileGbdt.train: maxBins must be in [2, 256]");
    const features = x[0]!.length;
    for (let i = 0; i < n; i++) {
      const row = x[i]!;
      if (row.length !== features)
        throw new Error(
          `QuantileGbdt.train: row ${i} has ${row.length} features, row 0 has ${features}`,
        );
      for (const v of row)
        if (!Number.isFinite(v))
          throw new Error(`QuantileGbdt.train: row ${i} has a non-finite feature`);
      if (!Number.isFinite(y[i]!)) throw new Error(`QuantileGbdt.train: target ${i} is not finite`);
    }
    const edges = Array.from({ length: features }, (_, f) =>
      binEdges(
        x.map((r) => r[f]!),
        o.maxBins,
      ),
    );
    const bins = binMatrix(x, edges);
    const ensembles = o.quantiles.map((tau, k) => {
      // One generator per quantile, so adding a quantile leaves the others unchanged.
      const rng = new Seeded((o.seed * 1000003 + k) | 0);
      return boost(x, y, bins, edges, tau, o, rng);
    });
    return new QuantileGbdt({
      kind: "quantile-gbdt",
      version: 1,
      features,
      learningRate: o.learningRate,
      ensembles,
    });
  }

  static fromJSON(value: unknown): QuantileGbdt {
    return new QuantileGbdt(checkJson(value));
  }

  toJSON(): GbdtJson {
    return this.json;
  }

  get quantiles(): number[] {
    return this.json.ensembles.map((e) => e.tau);
  }

  /**
   * The predicted quantiles of one row, in the order asked for at training.
   * Ensembles are fitted apart and may cross; sorting ascending quantile
   * levels' outputs (rearrangement) removes crossings without losing accuracy.
   */
  predict(x: ArrayLike<number>): number[] {
    if (x.length !== this.json.features)
      throw new Error(
        `QuantileGbdt.predict: ${x.length} features, the model has ${this.json.features}`,
      );
    const out = this.compiled.map((c) => evalCompiled(c, this.json.learningRate, x));
    return rearrange(this.compiled, out);
  }

  /** One quantile (index into `quantiles`) of one row, without rearrangement. */
  predictOne(k: number, x: ArrayLike<number>): number {
    return evalCompiled(this.compiled[k]!, this.json.learningRate, x);
  }
}

function boost(
  x: readonly (readonly number[])[],
  y: ArrayLike<number>,
  bins: Uint8Array[],
  edges: number[][],
  tau: number,
  o: Required<Omit<GbdtOptions, "quantiles">>,
  rng: Seeded,
): { tau: number; base: number; trees: Tree[] } {
  const n = x.length;
  const base = roundTo(sampleQuantile(Float64Array.from(y), tau), LEAF_DIGITS);
  const f = new Float64Array(n).fill(base);
  const gradient = new Float64Array(n);
  const trees: Tree[] = [];
  const picked = new Uint32Array(n);
  for (let round = 0; round < o.rounds; round++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (o.subsample === 1 || rng.next() < o.subsample) picked[m++] = i;
    if (m === 0) continue;
    // At a tie the subgradient 0 (it lies in [tau - 1, tau]): otherwise rows already
    // fitted pull like misses, and a constant start on tied data never splits.
    for (let i = 0; i < n; i++) {
      const r = y[i]! - f[i]!;
      gradient[i] = r > 0 ? tau : r < 0 ? tau - 1 : 0;
    }
    const tree = growTree(bins, edges, gradient, picked.subarray(0, m), o, (rows) => {
      const res = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) res[j] = y[rows[j]!]! - f[rows[j]!]!;
      return roundTo(sampleQuantile(res, tau), LEAF_DIGITS);
    });
    // A single leaf of zero changes nothing: the fit has converged.
    if (tree.feature.length === 1 && tree.value[0] === 0) break;
    trees.push(tree);
    for (let i = 0; i < n; i++) f[i] = f[i]! + o.learningRate * evalTree(tree, x[i]!);
  }
  return { tau, base, trees };
}

function compile(tau: number, base: number, trees: readonly Tree[]): Compiled {
  const total = trees.reduce((s, t) => s + t.feature.length, 0);
  const feature = new Int32Array(total);
  const value = new Float64Array(total);
  const right = new Int32Array(total);
  const roots = new Int32Array(trees.length);
  let at = 0;
  trees.forEach((t, k) => {
    roots[k] = at;
    for (let i = 0; i < t.feature.length; i++) {
      feature[at + i] = t.feature[i]!;
      value[at + i] = t.value[i]!;
      right[at + i] = t.feature[i]! >= 0 ? at + t.right[i]! : 0;
    }
    at += t.feature.length;
  });
  return { tau, base, feature, value, right, roots };
}

function evalCompiled(c: Compiled, learningRate: number, x: ArrayLike<number>): number {
  let s = c.base;
  const { feature, value, right, roots } = c;
  for (let k = 0; k < roots.length; k++) {
    let i = roots[k]!;
    let f = feature[i]!;
    while (f >= 0) {
      i = x[f]! <= value[i]! ? i + 1 : right[i]!;
      f = feature[i]!;
    }
    // Same order of operations as training, so a loaded model gives identical sums.
    s += learningRate * value[i]!;
  }
  return s;
}

function rearrange(compiled: readonly Compiled[], out: number[]): number[] {
  if (out.length < 2) return out;
  const order = compiled.map((c, k) => k).sort((a, b) => compiled[a]!.tau - compiled[b]!.tau);
  const sorted = order.map((k) => out[k]!).sort((a, b) => a - b);
  const result = new Array<number>(out.length);
  order.forEach((k, j) => (result[k] = sorted[j]!));
  return result;
}

function checkJson(value: unknown): GbdtJson {
  const v = value as Partial<GbdtJson> | null;
  if (v === null || typeof v !== "object" || v.kind !== "quantile-gbdt" || v.version !== 1)
    throw new Error('QuantileGbdt.fromJSON: not a "quantile-gbdt" version 1 model');
  if (
    !Number.isInteger(v.features) ||
    typeof v.learningRate !== "number" ||
    !Array.isArray(v.ensembles)
  )
    throw new Error("QuantileGbdt.fromJSON: features, learningRate or ensembles missing");
  v.ensembles.forEach((e, k) => {
    checkTau(e.tau, `QuantileGbdt.fromJSON: ensembles[${k}]`);
    if (typeof e.base !== "number" || !Array.isArray(e.trees))
      throw new Error(`QuantileGbdt.fromJSON: ensembles[${k}] lacks base or trees`);
    (e.trees as Tree[]).forEach((t: Tree, j: number) => {
      const len = t.feature?.length;
      if (
        !Array.isArray(t.feature) ||
        t.value?.length !== len ||
        t.right?.length !== len ||
        len === 0
      )
        throw new Error(`QuantileGbdt.fromJSON: ensembles[${k}].trees[${j}] is malformed`);
      t.feature.forEach((f: number, i: number) => {
        if (!Number.isFinite(t.value[i]))
          throw new Error(
            `QuantileGbdt.fromJSON: ensembles[${k}].trees[${j}].value[${i}] is not a finite number`,
          );
        if (!(Number.isInteger(f) && f >= -1 && f < v.features!))
          throw new Error(
            `QuantileGbdt.fromJSON: ensembles[${k}].trees[${j}].feature[${i}] = ${f} is no feature`,
          );
        if (f >= 0 && !(t.right[i]! > i + 1 && t.right[i]! < len))
          throw new Error(
            `QuantileGbdt.fromJSON: ensembles[${k}].trees[${j}].right[${i}] points outside the tree`,
          );
      });
    });
  });
  return v as GbdtJson;
}
