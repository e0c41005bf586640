import { MersenneTwister } from "../../random/mt19937.js";

const LOG4 = Math.log(4);
const SG_MAGICCONST = 1 + Math.log(4.5);

function requireArgs(n: number, expected: number, signature: string): void {
  if (n !== expected)
    throw new SyntaxError(`${signature} must be called with ${expected} argument(s)`);
}

/**
 * The random numbers of SimJS: MT19937 seeded by init_by_array([seed]), and
 * the same sampling algorithms, so a seeded SimJS model draws the same
 * numbers here. One difference: an exponential draw on a uniform of exactly 0
 * (1 in 2^32) draws again instead of returning Infinity.
 */
export class Random {
  private readonly mt: MersenneTwister;
  private lastNormal = NaN;

  constructor(seed: number = Date.now()) {
    if (typeof seed !== "number" || Math.ceil(seed) !== Math.floor(seed)) {
      throw new TypeError("seed value must be an integer");
    }
    this.mt = new MersenneTwister(seed);
  }

  /** Uniform on [0, 1), 32-bit resolution. */
  random(): number {
    return this.mt.nextFloat();
  }

  exponential(lambda: number): number {
    requireArgs(arguments.length, 1, "exponential(lambda)");
    let r = this.random();
    while (r === 0) r = this.random();
    return -Math.log(r) / lambda;
  }

  /** Gamma(alpha, beta) by the algorithms of Python's random.gammavariate. */
  gamma(alpha: number, beta: number): number {
    requireArgs(arguments.length, 2, "gamma(alpha, beta)");
    if (alpha > 1) {
      const ainv = Math.sqrt(2 * alpha - 1);
      const bbb = alpha - LOG4;
      const ccc = alpha + ainv;
      for (;;) {
        const u1 = this.random();
        if (u1 < 1e-7) continue;
        const u2 = 1 - this.random();
        const v = Math.log(u1 / (1 - u1)) / ainv;
        const x = alpha * Math.exp(v);
        const z = u1 * u1 * u2;
        const r = bbb + ccc * v - x;
        if (r + SG_MAGICCONST - 4.5 * z >= 0 || r >= Math.log(z)) return x * beta;
      }
    }
    if (alpha === 1) {
      let u = this.random();
      while (u <= 1e-7) u = this.random();
      return -Math.log(u) * beta;
    }
    for (;;) {
      const u = this.random();
      const b = (Math.E + alpha) / Math.E;
      const p = b * u;
      const x = p <= 1 ? Math.pow(p, 1 / alpha) : -Math.log((b - p) / alpha);
      const u1 = this.random();
      if (p > 1 ? u1 <= Math.pow(x, alpha - 1) : u1 <= Math.exp(-x)) return x * beta;
    }
  }

  /** Normal by Box-Muller; the second variate of each pair serves the next call. */
  normal(mu: number, sigma: number): number {
    requireArgs(arguments.length, 2, "normal(mu, sigma)");
    let z = this.lastNormal;
    this.lastNormal = NaN;
    if (!z) {
      const a = this.random() * 2 * Math.PI;
      const b = Math.sqrt(-2 * Math.log(1 - this.random()));
      z = Math.cos(a) * b;
      this.lastNormal = Math.sin(a) * b;
    }
    return mu + z * sigma;
  }

  pareto(alpha: number): number {
    requireArgs(arguments.length, 1, "pareto(alpha)");
    const u = this.random();
    return 1 / Math.pow(1 - u, 1 / alpha);
  }

  triangular(lower: number, upper: number, mode: number): number {
    requireArgs(arguments.length, 3, "triangular(lower, upper, mode)");
    const c = (mode - lower) / (upper - lower);
    const u = this.random();
    if (u <= c) return lower + Math.sqrt(u * (upper - lower) * (mode - lower));
    return upper - Math.sqrt((1 - u) * (upper - lower) * (upper - mode));
  }

  uniform(lower: number, upper: number): number {
    requireArgs(arguments.length, 2, "uniform(lower, upper)");
    return lower + this.random() * (upper - lower);
  }

  weibull(alpha: number, beta: number): number {
    requireArgs(arguments.length, 2, "weibull(alpha, beta)");
    const u = 1 - this.random();
    return alpha * Math.pow(-Math.log(u), 1 / beta);
  }
}
