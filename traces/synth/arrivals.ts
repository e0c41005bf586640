/**
 * Arrival processes: each returns the next arrival time on every call.
 * - poisson: a constant rate;
 * - diurnal: a sinusoid around the mean rate (peak at a time of day) times
 *   a noise factor that changes every `noiseStepS`, by thinning;
 * - bursty: an on-off Markov-modulated Poisson process, the base rate off
 *   and the burst rate on, with exponential on and off times.
 */
import { exponential } from "../../sim/random/distributions/exponential.js";
import { normal } from "../../sim/random/distributions/normal.js";
import type { UniformSource } from "../../sim/random/source.js";

export type ArrivalPattern =
  | { readonly kind: "poisson" }
  | {
      readonly kind: "diurnal";
      /** 0..1: the rate swings between (1 - a) and (1 + a) times the mean. */
      readonly amplitude: number;
      readonly periodS: number;
      /** Time (within the period) of the peak. */
      readonly peakS: number;
      /** Standard deviation of the log of the noise factor. */
      readonly noise: number;
      readonly noiseStepS: number;
    }
  | {
      readonly kind: "bursty";
      readonly burstRatePerS: number;
      readonly meanOnS: number;
      readonly meanOffS: number;
    };

export function arrivals(
  ratePerS: number,
  pattern: ArrivalPattern,
  source: UniformSource,
  startS = 0,
): () => number {
  switch (pattern.kind) {
    case "poisson": {
      const gap = exponential(source, ratePerS);
      let t = startS;
      return () => (t += gap());
    }
    case "diurnal":
      return diurnal(ratePerS, pattern, source, startS);
    case "bursty":
      return bursty(ratePerS, pattern, source, startS);
  }
}

function diurnal(
  rate: number,
  p: Extract<ArrivalPattern, { kind: "diurnal" }>,
  source: UniformSource,
  startS: number,
) {
  // Noise factors are clamped to 3 standard deviations, which bounds the
  // rate, so thinning a Poisson process at that bound is exact.
  const bound = Math.exp(3 * p.noise);
  const maxRate = rate * (1 + p.amplitude) * bound;
  const gap = exponential(source, maxRate);
  const z = normal(source, 0, p.noise);
  let step = -1;
  let factor = 1;
  let t = startS;
  const rateAt = (s: number) => {
    const k = Math.floor(s / p.noiseStepS);
    while (step < k) {
      step++;
      factor = p.noise > 0 ? Math.min(bound, Math.max(1 / bound, Math.exp(z()))) : 1;
    }
    return rate * (1 + p.amplitude * Math.cos((2 * Math.PI * (s - p.peakS)) / p.periodS)) * factor;
  };
  return () => {
    for (;;) {
      t += gap();
      if (source() * maxRate <= rateAt(t)) return t;
    }
  };
}

function bursty(
  base: number,
  p: Extract<ArrivalPattern, { kind: "bursty" }>,
  source: UniformSource,
  startS: number,
) {
  const offGap = exponential(source, base);
  const onGap = exponential(source, p.burstRatePerS);
  const onLength = exponential(source, 1 / p.meanOnS);
  const offLength = exponential(source, 1 / p.meanOffS);
  let on = false;
  let t = startS;
  let stateEnd = startS + offLength();
  return () => {
    for (;;) {
      const next = t + (on ? onGap() : offGap());
      if (next < stateEnd) return (t = next);
      // Memoryless: the next state starts its own gaps at the switch.
      t = stateEnd;
      on = !on;
      stateEnd = t + (on ? onLength() : offLength());
    }
  };
}

/** The long-run mean rate of a pattern (for tests and reports). */
export function meanRate(ratePerS: number, pattern: ArrivalPattern): number {
  if (pattern.kind !== "bursty") return ratePerS;
  const on = pattern.meanOnS / (pattern.meanOnS + pattern.meanOffS);
  return on * pattern.burstRatePerS + (1 - on) * ratePerS;
}
