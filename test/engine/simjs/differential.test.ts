import { describe, expect, test } from "vitest";
import { loadReferenceSimJs, ours } from "../../support/simjs-reference.js";
import * as models from "./models.js";

const reference = loadReferenceSimJs();
const seeds = [1, 7, 2026, 99991];

describe("the same model gives the same trace on provisim/simjs and on simjs", () => {
  const exact = {
    timers: models.timers,
    mmc: (S: typeof ours, seed: number) => models.mmc(S, seed, 3),
    mm1: (S: typeof ours, seed: number) => models.mmc(S, seed, 1),
    mmcBoundedQueue: (S: typeof ours, seed: number) => models.mmc(S, seed, 2, 3),
    mmcLossSystem: (S: typeof ours, seed: number) => models.mmc(S, seed, 4, 0),
    reneging: models.reneging,
    buffer: models.buffer,
    store: models.store,
    events: models.events,
    messages: models.messages,
    callbacks: models.callbacks,
    randomNumbers: models.randomNumbers,
    logging: models.logging,
  };
  for (const [name, model] of Object.entries(exact)) {
    test.each(seeds)(`${name}, seed %i`, (seed) => {
      const expected = model(reference, seed);
      const actual = model(ours, seed);
      expect(actual.length).toBeGreaterThan(0);
      expect(actual.flat().length).toBeGreaterThan(10);
      expect(actual).toEqual(expected);
    });
  }

  test.each(seeds)("processor sharing agrees to rounding, seed %i", (seed) => {
    const expected = models.processorSharing(reference, seed);
    const actual = models.processorSharing(ours, seed);
    expect(actual.length).toBe(expected.length);
    expect(actual.length).toBeGreaterThan(1000);
    actual.forEach((row, i) => {
      row.forEach((cell, j) => {
        const want = expected[i]![j]!;
        if (typeof cell === "number") expect(cell).toBeCloseTo(want as number, 7);
        else expect(cell).toBe(want);
      });
    });
  });
});
