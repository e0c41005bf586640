/** The synthesizer's clients asking for a profile: by share, overall or for listed functions, shifting no other draw. */
import { describe, expect, test } from "vitest";
import type { WorkRequest } from "../../sim/model/request.js";
import { requestView } from "../../sim/model/request.js";
import { RandomStreams } from "../../sim/random/streams.js";
import { synthWorkload, type SynthWorkload } from "../../traces/synth/workload.js";
import { synthSpec } from "../support/synth.js";

const SPEC = synthSpec({
  ratePerS: 50,
  functions: 20,
  cpuSeconds: { kind: "exponential", mean: 0.2 },
  cpuVariation: 0.25,
  parallelFraction: 0.5,
  memMiB: { kind: "constant", value: 256 },
});

function draw(spec: SynthWorkload, n: number): WorkRequest[] {
  const source = synthWorkload(spec, new RandomStreams(5));
  return Array.from({ length: n }, () => source.next()!);
}

describe("requested profiles in the synthesizer", () => {
  const plain = draw(SPEC, 5000);

  test("a share of all requests asks for the profile, and the view carries it", () => {
    const asked = draw({ ...SPEC, requestedProfiles: [{ profile: "Large", share: 0.2 }] }, 5000);
    const share = asked.filter((r) => r.requestedProfile === "Large").length / asked.length;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.22);
    const one = asked.find((r) => r.requestedProfile)!;
    expect(requestView(one).requestedProfile).toBe("Large");
    expect(plain.some((r) => "requestedProfile" in r)).toBe(false);
  });

  test("per function: only the listed functions' requests ask", () => {
    const asked = draw(
      { ...SPEC, requestedProfiles: [{ profile: "Small", share: 1, functions: [3, 4] }] },
      3000,
    );
    for (const r of asked)
      expect(r.requestedProfile !== undefined).toBe([3, 4].includes(r.functionId));
  });

  test("asking shifts no other draw", () => {
    const asked = draw({ ...SPEC, requestedProfiles: [{ profile: "Large", share: 0.5 }] }, 5000);
    const strip = ({ requestedProfile: _, ...r }: WorkRequest) => r;
    expect(asked.map(strip)).toEqual(plain);
  });
});
