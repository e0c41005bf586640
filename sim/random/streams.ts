import seedrandom from "seedrandom";
import type { UniformSource } from "./source.js";

/**
 * Independent named random streams derived from one seed. Each stream is a
 * seedrandom xor4096 generator (Brent's xorgens, period 2^4096 - 1) seeded
 * with "<seed>/<name>", so adding a stream never shifts the numbers another
 * stream draws: the basis of common random numbers across policies.
 */
export class RandomStreams {
  readonly seed: string;

  constructor(seed: number | string) {
    if (typeof seed === "number" && !Number.isFinite(seed)) {
      throw new RangeError(`random seed must be finite, got ${seed}`);
    }
    this.seed = String(seed);
  }

  /** A fresh generator for `name`; the same name always gives the same numbers. */
  stream(name: string): UniformSource {
    return seedrandom.xor4096(`${this.seed}/${name}`);
  }

  /** A child family, e.g. one per replication: `streams.child("rep-3")`. */
  child(name: string): RandomStreams {
    return new RandomStreams(`${this.seed}/${name}`);
  }

  /** A 32-bit unsigned integer seed derived from this family and `name`. */
  deriveSeed(name: string): number {
    return (this.stream(`seed:${name}`)() * 4294967296) >>> 0;
  }
}
