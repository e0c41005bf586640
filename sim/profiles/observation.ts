import { PROFILE_METRICS, type ProfileObservation } from "./types.js";

/** Refuses what a store must not keep, naming the field: a bad number would spoil every mean. */
export function checkObservation(o: ProfileObservation): void {
  if (typeof o.codeId !== "string" || o.codeId === "")
    throw new RangeError("profile observation: codeId must be a non-empty string");
  for (const f of ["codeVersion", "inputHash", "sequenceId"] as const)
    if (typeof o[f] !== "string")
      throw new RangeError(`profile observation of ${o.codeId}: ${f} must be a string`);
  if (!Number.isFinite(o.timestampS))
    throw new RangeError(`profile observation of ${o.codeId}: timestampS must be finite`);
  for (const m of PROFILE_METRICS)
    if (!Number.isFinite(o[m]) || o[m] < 0)
      throw new RangeError(
        `profile observation of ${o.codeId}: ${m} must be a finite number >= 0, got ${o[m]}`,
      );
}
