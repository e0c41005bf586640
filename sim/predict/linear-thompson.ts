/**
 * Thompson sampling with a linear-Gaussian reward model (Agrawal and Goyal,
 * 2013): each arm's coefficients are drawn from N(theta_hat, v^2 A^-1) and
 * the arm with the best drawn reward is played. The draws come from a seeded
 * generator whose state is part of the bandit's, so a saved bandit makes the
 * same later choices.
 */
import { LinearArm, type LinearArmJson } from "./linear-arm.js";
import { checkContext } from "./linucb.js";
import { Seeded } from "./seeded.js";

export interface LinearThompsonJson {
  readonly kind: "linear-thompson";
  readonly dim: number;
  /** Scale of the posterior spread. */
  readonly v: number;
  readonly rng: number;
  readonly arms: LinearArmJson[];
}

export class LinearThompson {
  private constructor(
    readonly dim: number,
    readonly v: number,
    private readonly rng: Seeded,
    private readonly arms: LinearArm[],
  ) {}

  static create(
    arms: number,
    dim: number,
    options: { v?: number; lambda?: number; seed?: number } = {},
  ): LinearThompson {
    const { v = 1, lambda = 1, seed = 1 } = options;
    if (!(Number.isInteger(arms) && arms >= 1))
      throw new Error(`LinearThompson: ${arms} arms; at least 1 needed`);
    if (!(v > 0)) throw new Error(`LinearThompson: v ${v} must be positive`);
    return new LinearThompson(
      dim,
      v,
      new Seeded(seed),
      Array.from({ length: arms }, () => LinearArm.create(dim, lambda)),
    );
  }

  static fromJSON(value: unknown): LinearThompson {
    const s = value as Partial<LinearThompsonJson> | null;
    if (
      s === null ||
      typeof s !== "object" ||
      s.kind !== "linear-thompson" ||
      !Array.isArray(s.arms) ||
      !Number.isInteger(s.dim)
    )
      throw new Error('LinearThompson.fromJSON: not a "linear-thompson" state');
    if (!(typeof s.v === "number" && s.v > 0) || !Number.isInteger(s.rng))
      throw new Error("LinearThompson.fromJSON: v must be positive and rng an integer");
    return new LinearThompson(
      s.dim!,
      s.v,
      Seeded.fromState(s.rng!),
      s.arms.map((a) => LinearArm.fromJSON(a, s.dim!)),
    );
  }

  toJSON(): LinearThompsonJson {
    return {
      kind: "linear-thompson",
      dim: this.dim,
      v: this.v,
      rng: this.rng.state,
      arms: this.arms.map((a) => a.toJSON()),
    };
  }

  choose(x: ArrayLike<number>): number {
    checkContext(x, this.dim);
    let best = 0;
    let bestValue = -Infinity;
    this.arms.forEach((arm, a) => {
      const draw = sampleGaussian(arm.theta(), arm.inverse(), this.v, this.dim, this.rng);
      let value = 0;
      for (let i = 0; i < this.dim; i++) value += draw[i]! * x[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = a;
      }
    });
    return best;
  }

  observe(arm: number, x: ArrayLike<number>, reward: number): void {
    checkContext(x, this.dim);
    if (!Number.isFinite(reward))
      throw new Error(`LinearThompson.observe: reward ${reward} is not finite`);
    const a = this.arms[arm];
    if (a === undefined)
      throw new Error(`LinearThompson.observe: no arm ${arm} (0 to ${this.arms.length - 1})`);
    a.observe(x, reward);
  }
}

/** mean + v L z with L the Cholesky factor of `cov` (row-major) and z standard normal. */
function sampleGaussian(
  mean: Float64Array,
  cov: Float64Array,
  v: number,
  d: number,
  rng: Seeded,
): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = cov[i * d + j]!;
      for (let k = 0; k < j; k++) s -= l[i * d + k]! * l[j * d + k]!;
      // Rounding can leave a tiny negative pivot in a near-singular inverse: floor it.
      l[i * d + j] = i === j ? Math.sqrt(Math.max(s, 1e-18)) : s / l[j * d + j]!;
    }
  }
  const z = Array.from({ length: d }, () => rng.normal());
  const out = mean.slice();
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let k = 0; k <= i; k++) s += l[i * d + k]! * z[k]!;
    out[i] = out[i]! + v * s;
  }
  return out;
}
