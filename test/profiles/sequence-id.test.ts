import { describe, expect, it } from "vitest";
import { fnv1a64, SequenceTracker } from "../../sim/profiles/sequence-id.js";
import { obs } from "./observations.js";

describe("sequence ids", () => {
  it("hash with 64-bit FNV-1a (published test vectors)", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("repeat when a program's usage cycles, and differ when it drifts", () => {
    const t = new SequenceTracker();
    const cycle = [1, 1, 8];
    const ids = Array.from({ length: 12 }, (_, i) =>
      t.next(obs({ cpuSeconds: cycle[i % 3]!, timestampS: i })),
    );
    // After the first window fills, the ids cycle with the usage: period 3, 3 distinct.
    expect(new Set(ids.slice(3)).size).toBe(3);
    expect(ids.slice(3, 6)).toEqual(ids.slice(6, 9));
    const drift = new SequenceTracker();
    const drifting = Array.from({ length: 8 }, (_, i) => drift.next(obs({ cpuSeconds: 2 ** i })));
    expect(new Set(drifting).size).toBe(8);
  });
});
