import type { CompletionFeedback } from "../policies/types.js";
import type { SequenceTracker } from "./sequence-id.js";
import type { ProfileObservation } from "./types.js";

/**
 * The observation a completion gives, or undefined: a request with no code
 * id has no program to profile, and a failed one measured its limit, not
 * its need.
 */
export function observationFromFeedback(
  f: CompletionFeedback,
  nowS: number,
  sequences: SequenceTracker,
): ProfileObservation | undefined {
  const { codeId } = f.request;
  if (f.outcome !== "completed" || codeId === undefined || codeId === "") return undefined;
  const usage = {
    codeId,
    codeVersion: f.request.codeVersion ?? "",
    timestampS: nowS,
    inputHash: f.request.inputHash ?? "",
    cpuSeconds: f.cpuSeconds,
    peakMemMiB: f.peakMemMiB,
    ioReadBytes: f.ioReadBytes,
    ioWriteBytes: f.ioWriteBytes,
    executionS: f.serviceS,
  };
  return { ...usage, sequenceId: sequences.next(usage) };
}
