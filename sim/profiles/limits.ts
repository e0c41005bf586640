/** How much a profile keeps: every store uses the same, so they agree observation for observation. */
export interface ProfileLimits {
  /** Metric rows kept per key (reservoir sampling). */
  readonly sampleSize: number;
  /** Latest observations kept per key. */
  readonly recentSize: number;
  /** Sequence-id counters kept per key. */
  readonly sequenceSlots: number;
  /** Input hashes kept per program version; the least recently seen goes first. */
  readonly maxInputsPerVersion: number;
  /** Seeds the reservoir's draws. */
  readonly seed: string;
}

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
