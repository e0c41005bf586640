/**
 * A small seeded generator whose whole state is one 32-bit integer, so a
 * learner's state (and with it every later draw) survives a JSON round trip.
 * mulberry32: fast, fine for subsampling and Thompson draws, not for crypto.
 */
export class Seeded {
  private s: number;

  constructor(seed: number) {
    if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
    this.s = seed >>> 0;
  }

  /** The state to store; `Seeded.fromState` resumes the same sequence. */
  get state(): number {
    return this.s;
  }

  static fromState(state: number): Seeded {
    return new Seeded(state);
  }

  /** Uniform on [0, 1). */
  next(): number {
    this.s = (this.s + 0x6d2b79f5) >>> 0;
    let t = this.s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Standard normal (Box-Muller; one value per call keeps the state a single integer). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
