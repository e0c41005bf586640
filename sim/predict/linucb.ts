/**
 * LinUCB with disjoint arms (Li, Chu, Langford and Schapire, 2010): each arm
 * a ridge regression of reward on context; choose the arm whose estimate plus
 * `alpha` standard deviations is highest. Deterministic (ties go to the lower
 * arm), so its state alone fixes every later choice.
 */
import { LinearArm, type LinearArmJson } from "./linear-arm.js";

export interface LinUcbJson {
  readonly kind: "linucb";
  readonly dim: number;
  readonly alpha: number;
  readonly arms: LinearArmJson[];
}

export class LinUcb {
  private constructor(
    readonly dim: number,
    readonly alpha: number,
    private readonly arms: LinearArm[],
  ) {}

  static create(
    arms: number,
    dim: number,
    options: { alpha?: number; lambda?: number } = {},
  ): LinUcb {
    const { alpha = 1, lambda = 1 } = options;
    if (!(Number.isInteger(arms) && arms >= 1))
      throw new Error(`LinUcb: ${arms} arms; at least 1 needed`);
    if (!(alpha >= 0)) throw new Error(`LinUcb: alpha ${alpha} must be non-negative`);
    return new LinUcb(
      dim,
      alpha,
      Array.from({ length: arms }, () => LinearArm.create(dim, lambda)),
    );
  }

  static fromJSON(value: unknown): LinUcb {
    const v = value as Partial<LinUcbJson> | null;
    if (
      v === null ||
      typeof v !== "object" ||
      v.kind !== "linucb" ||
      !Array.isArray(v.arms) ||
      !Number.isInteger(v.dim)
    )
      throw new Error('LinUcb.fromJSON: not a "linucb" state');
    if (!(typeof v.alpha === "number" && v.alpha >= 0))
      throw new Error("LinUcb.fromJSON: alpha must be non-negative");
    return new LinUcb(
      v.dim!,
      v.alpha,
      v.arms.map((a) => LinearArm.fromJSON(a, v.dim!)),
    );
  }

  toJSON(): LinUcbJson {
    return {
      kind: "linucb",
      dim: this.dim,
      alpha: this.alpha,
      arms: this.arms.map((a) => a.toJSON()),
    };
  }

  /** Upper confidence bound of every arm for context `x`. */
  scores(x: ArrayLike<number>): number[] {
    checkContext(x, this.dim);
    return this.arms.map((arm) => {
      const theta = arm.theta();
      let mean = 0;
      for (let i = 0; i < this.dim; i++) mean += theta[i]! * x[i]!;
      return mean + this.alpha * Math.sqrt(arm.spread(x));
    });
  }

  choose(x: ArrayLike<number>): number {
    const s = this.scores(x);
    let best = 0;
    for (let a = 1; a < s.length; a++) if (s[a]! > s[best]!) best = a;
    return best;
  }

  observe(arm: number, x: ArrayLike<number>, reward: number): void {
    checkContext(x, this.dim);
    if (!Number.isFinite(reward)) throw new Error(`LinUcb.observe: reward ${reward} is not finite`);
    const a = this.arms[arm];
    if (a === undefined)
      throw new Error(`LinUcb.observe: no arm ${arm} (0 to ${this.arms.length - 1})`);
    a.observe(x, reward);
  }
}

export function checkContext(x: ArrayLike<number>, dim: number): void {
  if (x.length !== dim)
    throw new Error(`bandit: context of ${x.length} features; the bandit has ${dim}`);
  for (let i = 0; i < dim; i++)
    if (!Number.isFinite(x[i]!)) throw new Error(`bandit: context feature ${i} is not finite`);
}
