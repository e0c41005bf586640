/**
 * Where a request's envelope comes from: the profile of its program on its
 * input when that has enough observations, else its program's over every
 * input, else none (the policy's default container).
 */
import { codeIdOf } from "../../../profiles/from-feedback.js";
import type { ProfileReader } from "../../../profiles/types.js";
import type { RequestView } from "../../types.js";
import { envelopeOf, type ResourceEnvelope } from "./envelope-of.js";

export type EnvelopeLevel = "input" | "program" | "none";

export interface FoundEnvelope {
  readonly level: EnvelopeLevel;
  readonly envelope: ResourceEnvelope | null;
}

export function findEnvelope(
  profiles: ProfileReader | undefined,
  r: RequestView,
  minSamples: number,
  confidence: number,
): FoundEnvelope {
  if (!profiles) return { level: "none", envelope: null };
  // The program as the database names it.
  const codeId = codeIdOf(r);
  if (r.inputHash !== undefined && r.inputHash !== "") {
    const own = profiles.profile({ codeId, inputHash: r.inputHash });
    if (own && own.count >= minSamples)
      return { level: "input", envelope: envelopeOf(own, confidence) };
  }
  const program = profiles.profile({ codeId });
  if (program && program.count >= minSamples)
    return { level: "program", envelope: envelopeOf(program, confidence) };
  return { level: "none", envelope: null };
}
