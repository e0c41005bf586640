/** A uniform random source on [0, 1): the one thing every sampler is built on. */
export type UniformSource = () => number;

/** A sampler draws one value per call. */
export type Sampler = () => number;

/** Throws a RangeError naming the distribution and parameter unless `ok`. */
export function requireParam(ok: boolean, distribution: string, message: string): void {
  if (!ok) throw new RangeError(`${distribution}: ${message}`);
}

export function isFiniteNumber(x: number): boolean {
  return typeof x === "number" && Number.isFinite(x);
}
