/**
 * A stand-in for the parameters hash the public Azure traces do not carry
 * (nor any input size): the invocations of one function whose durations
 * fall in the same band, a factor of two wide, share a hash, as calls with
 * the same parameters would run alike. It groups a function's calls by how
 * long they ran, which a behavioral profile keyed by hash can learn from;
 * it is not the trace's own, and says nothing of the input's size.
 */
import { paramsHash } from "../params-hash.js";

const BANDS = 64;

export class DurationBands {
  private readonly byFunction = new Map<string, string[]>();

  /** The hash of `functionId`'s band for `durationS`; "" without a duration. */
  hashOf(functionId: string, durationS: number): string {
    if (Number.isNaN(durationS)) return "";
    let bands = this.byFunction.get(functionId);
    if (!bands) this.byFunction.set(functionId, (bands = functionBands()));
    return bandHash(bands, functionId, durationS);
  }
}

/** One function's hashes by band, made as they are first needed: for an importer that keeps them with the function. */
export function functionBands(): string[] {
  return new Array<string>(BANDS);
}

/** The hash of the band of `durationS` in one function's `bands`; "" without a duration. */
export function bandHash(bands: string[], functionId: string, durationS: number): string {
  if (Number.isNaN(durationS)) return "";
  // Band 32 holds 1-2 ms; a zero duration goes in the lowest.
  const log = durationS > 0 ? Math.floor(Math.log2(durationS * 1000)) : -Infinity;
  const band = Math.min(BANDS - 1, Math.max(0, log + 32));
  return (bands[band] ??= paramsHash(`${functionId}/duration-band/${band}`));
}
