/**
 * The profile a trained resource predictor picks for a request (seed 002's
 * prediction engine): of the profiles the config gives a VM type, the one on
 * the cheapest VM whose memory holds the predicted peak and whose vCPU run
 * the predicted CPU-seconds within the target, by Amdahl's law on the
 * analyzer's parallelism (0 when the code has none: no speed-up assumed).
 * When none runs it in time, the fastest of those holding the memory (the
 * cheapest of equals: serial work gains nothing from cores); when none
 * holds the memory, the one with the most memory.
 */
import type { ResourcePredictor } from "../../predict/resource-predictor.js";
import type { CodeFeatures, FleetView, ProfileView } from "../types.js";
import type { PreInstantiationConfig } from "./config.js";

/** The input assumed when the request or notice gives no size. */
const DEFAULT_INPUT_BYTES = 1 << 20;

export interface Need {
  readonly cpuSeconds: number;
  readonly peakMemMiB: number;
  readonly parallelism: number;
}

/** The predicted need at the config's quantile. */
export function predictedNeed(
  c: PreInstantiationConfig,
  predictor: ResourcePredictor,
  features: CodeFeatures | null,
  inputBytes: number | undefined,
): Need {
  const q = predictor.quantiles;
  let at = q.findIndex((x) => x >= c.modelQuantile - 1e-9);
  if (at < 0) at = q.length - 1;
  const p = predictor.predict(features, inputBytes ?? DEFAULT_INPUT_BYTES);
  const parallelism = features?.parallelism;
  return {
    cpuSeconds: p.cpuSeconds[at]!,
    peakMemMiB: p.peakMemMiB[at]!,
    parallelism: typeof parallelism === "number" ? Math.min(1, Math.max(0, parallelism)) : 0,
  };
}

/** Seconds `need` takes on `vcpu` cores. */
const secondsOn = (need: Need, vcpu: number) =>
  need.cpuSeconds * (1 - need.parallelism + need.parallelism / vcpu);

export function learnedProfile(
  c: PreInstantiationConfig,
  need: Need,
  fleet: FleetView,
): string | undefined {
  const candidates: { profile: ProfileView; usdPerHour: number }[] = [];
  for (const [name, type] of Object.entries(c.types)) {
    const profile = fleet.profile(name);
    const t = fleet.type(type);
    if (profile && t) candidates.push({ profile, usdPerHour: t.usdPerHour });
  }
  candidates.sort((a, b) => a.usdPerHour - b.usdPerHour || a.profile.vcpu - b.profile.vcpu);
  const holds = candidates.filter((x) => x.profile.memMiB >= need.peakMemMiB);
  const inTime = holds.find((x) => secondsOn(need, x.profile.vcpu) <= c.modelTarget);
  if (inTime) return inTime.profile.name;
  // None in time: the fastest that holds the memory, the cheapest of equals.
  let fastest = holds[0];
  for (const x of holds)
    if (secondsOn(need, x.profile.vcpu) < secondsOn(need, fastest!.profile.vcpu) - 1e-9)
      fastest = x;
  if (fastest) return fastest.profile.name;
  let roomiest = candidates[0];
  for (const x of candidates) if (x.profile.memMiB > roomiest!.profile.memMiB) roomiest = x;
  return roomiest?.profile.name;
}
