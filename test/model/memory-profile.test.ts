import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  memoryAtMiB,
  outOfMemoryFrac,
  type MemoryProfile,
} from "../../sim/model/memory-profile.js";
import type { Demand } from "../../sim/model/request.js";

const demand = (memMiB: number, memory?: MemoryProfile): Demand => ({
  cpuSeconds: 1,
  parallelFraction: 0,
  memMiB,
  gpuSpeedup: 1,
  ...(memory ? { memory } : {}),
});

const profile = fc.oneof(
  fc.constant<MemoryProfile>({ kind: "steady" }),
  fc
    .double({ min: 0, max: 1, noNaN: true })
    .map((startFrac): MemoryProfile => ({ kind: "linear", startFrac })),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([baseFrac, atFrac]): MemoryProfile => ({ kind: "spike", baseFrac, atFrac })),
);

describe("memory profiles", () => {
  it("grow to the peak, and linear-from-zero is the default", () => {
    expect(memoryAtMiB(demand(1000), 0)).toBe(0);
    expect(memoryAtMiB(demand(1000), 0.25)).toBe(250);
    expect(memoryAtMiB(demand(1000, { kind: "steady" }), 0)).toBe(1000);
    expect(memoryAtMiB(demand(1000, { kind: "spike", baseFrac: 0.2, atFrac: 0.9 }), 0.5)).toBe(200);
    expect(memoryAtMiB(demand(1000, { kind: "spike", baseFrac: 0.2, atFrac: 0.9 }), 0.95)).toBe(
      1000,
    );
    expect(outOfMemoryFrac(demand(1000), 400)).toBeCloseTo(0.4, 12);
    expect(outOfMemoryFrac(demand(1000, { kind: "spike", baseFrac: 0.2, atFrac: 0.9 }), 400)).toBe(
      0.9,
    );
    expect(outOfMemoryFrac(demand(1000, { kind: "steady" }), 400)).toBe(0);
  });

  it("run out of memory exactly where use first exceeds the limit", () => {
    fc.assert(
      fc.property(
        profile,
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (p, peak, share) => {
          const d = demand(peak, p);
          const limit = peak * share;
          const f = outOfMemoryFrac(d, limit);
          if (f === null) {
            expect(peak).toBeLessThanOrEqual(limit);
            return;
          }
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(1);
          // Below the limit just before the crossing, at or above it from there on.
          if (f > 1e-9)
            expect(memoryAtMiB(d, f * (1 - 1e-9))).toBeLessThanOrEqual(limit * (1 + 1e-9));
          expect(memoryAtMiB(d, Math.min(1, f + 1e-9))).toBeGreaterThanOrEqual(limit * (1 - 1e-9));
        },
      ),
    );
  });
});
