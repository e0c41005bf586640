/**
 * Ridge regression of one arm's reward on its context, kept as the inverse
 * design matrix (updated by Sherman-Morrison, O(d^2) per observation) and
 * the reward-weighted context sum: what LinUCB and linear Thompson sampling
 * both need.
 */

export interface LinearArmJson {
  /** Inverse of (lambda I + sum x x^T), row-major d x d. */
  readonly inverse: number[];
  /** Sum of reward x. */
  readonly b: number[];
  readonly pulls: number;
}

export class LinearArm {
  private constructor(
    readonly dim: number,
    private readonly inv: Float64Array,
    private readonly b: Float64Array,
    private n: number,
  ) {}

  static create(dim: number, lambda: number): LinearArm {
    if (!(Number.isInteger(dim) && dim >= 1))
      throw new Error(`LinearArm: dimension ${dim} must be a positive integer`);
    if (!(lambda > 0)) throw new Error(`LinearArm: ridge ${lambda} must be positive`);
    const inv = new Float64Array(dim * dim);
    for (let i = 0; i < dim; i++) inv[i * dim + i] = 1 / lambda;
    return new LinearArm(dim, inv, new Float64Array(dim), 0);
  }

  static fromJSON(v: LinearArmJson, dim: number): LinearArm {
    if (
      !Array.isArray(v?.inverse) ||
      v.inverse.length !== dim * dim ||
      !Array.isArray(v.b) ||
      v.b.length !== dim
    )
      throw new Error(`LinearArm.fromJSON: an arm needs a ${dim}x${dim} inverse and ${dim} sums`);
    if (![...v.inverse, ...v.b].every(Number.isFinite))
      throw new Error("LinearArm.fromJSON: non-finite numbers");
    return new LinearArm(dim, Float64Array.from(v.inverse), Float64Array.from(v.b), v.pulls ?? 0);
  }

  toJSON(): LinearArmJson {
    return { inverse: Array.from(this.inv), b: Array.from(this.b), pulls: this.n };
  }

  get pulls(): number {
    return this.n;
  }

  /** The ridge estimate of the arm's coefficients. */
  theta(): Float64Array {
    return this.times(this.b);
  }

  /** A^-1 v. */
  times(v: ArrayLike<number>): Float64Array {
    const d = this.dim;
    const out = new Float64Array(d);
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += this.inv[i * d + j]! * v[j]!;
      out[i] = s;
    }
    return out;
  }

  /** x^T A^-1 x: the estimate's variance along x, in units of the noise variance. */
  spread(x: ArrayLike<number>): number {
    const ax = this.times(x);
    let s = 0;
    for (let i = 0; i < this.dim; i++) s += x[i]! * ax[i]!;
    return Math.max(0, s);
  }

  /** A copy of A^-1, row-major. */
  inverse(): Float64Array {
    return this.inv.slice();
  }

  observe(x: ArrayLike<number>, reward: number): void {
    const d = this.dim;
    const ax = this.times(x);
    let denom = 1;
    for (let i = 0; i < d; i++) denom += x[i]! * ax[i]!;
    // Sherman-Morrison: (A + x x^T)^-1 = A^-1 - (A^-1 x)(A^-1 x)^T / (1 + x^T A^-1 x).
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++)
        this.inv[i * d + j] = this.inv[i * d + j]! - (ax[i]! * ax[j]!) / denom;
    for (let i = 0; i < d; i++) this.b[i] = this.b[i]! + reward * x[i]!;
    this.n++;
  }
}
