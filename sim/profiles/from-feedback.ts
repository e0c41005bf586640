import type { CompletionFeedback } from "../policies/types.js";
import type { SequenceTracker } from "./sequence-id.js";
import type { ProfileObservation } from "./types.js";

/**
 * The program a request runs: its code id, else its analyzed program's path,
 * else its function (in a FaaS trace, the function is the unit of code).
 */
export function codeIdOf(r: CompletionFeedback["request"]): string {
  if (r.codeId !== undefined && r.codeId !== "") return r.codeId;
  const analyzed = r.features?.codeId;
  return typeof analyzed === "string" && analyzed !== "" ? analyzed : `fn-${r.functionId}`;
}

/**
 * The observation a completion gives, or undefined for a failed one: it
 * measured its limit, not its need.
 */
export function observationFromFeedback(
  f: CompletionFeedback,
  nowS: number,
  sequences: SequenceTracker,
): ProfileObservation | undefined {
  if (f.outcome !== "completed") return undefined;
  const codeId = codeIdOf(f.request);
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
