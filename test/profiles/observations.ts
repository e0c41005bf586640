import type { ProfileObservation } from "../../sim/profiles/types.js";

/** An observation with every field set, `over` replacing some. */
export function obs(over: Partial<ProfileObservation> = {}): ProfileObservation {
  return {
    codeId: "app/main.py",
    codeVersion: "v1",
    timestampS: 0,
    inputHash: "00000000000000aa",
    cpuSeconds: 1,
    peakMemMiB: 128,
    ioReadBytes: 1024,
    ioWriteBytes: 512,
    executionS: 1.5,
    sequenceId: "",
    ...over,
  };
}
