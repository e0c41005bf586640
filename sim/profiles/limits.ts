import type { ProfileLimits } from "./types.js";

export type { ProfileLimits };

export const DEFAULT_LIMITS: ProfileLimits = {
  sampleSize: 64,
  recentSize: 8,
  sequenceSlots: 8,
  maxInputsPerVersion: 256,
  seed: "profiles",
};

export function profileLimits(overrides: Partial<ProfileLimits> = {}): ProfileLimits {
  const l = { ...DEFAULT_LIMITS, ...overrides };
  for (const k of ["sampleSize", "recentSize", "sequenceSlots", "maxInputsPerVersion"] as const)
    if (!Number.isInteger(l[k]) || l[k] < 1)
      throw new RangeError(`profile limit ${k} must be a positive integer, got ${l[k]}`);
  return l;
}
