import { describe, expect, it } from "vitest";
import { bigOExponent, featureVector } from "../../sim/predict/feature-vector.js";
import {
  ResourcePredictor,
  type ResourceObservation,
} from "../../sim/predict/resource-predictor.js";
import { Seeded } from "../../sim/predict/seeded.js";

const Z90 = 1.2815515655446004;
const SIGMA = 0.25;

/** Two programs, O(n) and O(n^2); CPU-seconds log-normal around a known median. */
function observations(n: number, seed: number): ResourceObservation[] {
  const rng = new Seeded(seed);
  return Array.from({ length: n }, () => {
    const quadratic = rng.next() < 0.5;
    const inputBytes = Math.round(1e3 + rng.next() * 1e5);
    const median = quadratic ? (inputBytes / 1e5) ** 2 * 2 : (inputBytes / 1e5) * 0.5;
    const cpu = median * Math.exp(SIGMA * rng.normal());
    return {
      features: {
        bigO: quadratic ? "O(n^2)" : "O(n)",
        cyclomatic: quadratic ? 7 : 3,
        language: "python",
      },
      inputBytes,
      durationS: cpu * 1.1,
      cpuSeconds: cpu,
      peakMemMiB: 64 + inputBytes / 1e4,
    };
  });
}

describe("ResourcePredictor", () => {
  const model = ResourcePredictor.train(observations(3000, 1));

  it("predicts the median and 0.9 quantile of CPU-seconds from code features and input size", () => {
    for (const [bigO, cyclomatic, bytes, median] of [
      ["O(n)", 3, 50_000, 0.25],
      ["O(n^2)", 7, 50_000, 0.5],
      ["O(n^2)", 7, 90_000, 1.62],
    ] as const) {
      const p = model.predict({ bigO, cyclomatic }, bytes);
      expect(p.cpuSeconds[0]! / median).toBeGreaterThan(0.9);
      expect(p.cpuSeconds[0]! / median).toBeLessThan(1.1);
      expect(p.cpuSeconds[1]! / (median * Math.exp(Z90 * SIGMA))).toBeGreaterThan(0.85);
      expect(p.cpuSeconds[1]! / (median * Math.exp(Z90 * SIGMA))).toBeLessThan(1.15);
      expect(p.peakMemMiB[0]).toBeCloseTo(64 + bytes / 1e4, -0.5);
    }
  });

  it("covers about 90% of held-out CPU-seconds with its 0.9 quantile", () => {
    const held = observations(2000, 2);
    const covered = held.filter(
      (o) => o.cpuSeconds <= model.predict(o.features, o.inputBytes).cpuSeconds[1]!,
    );
    expect(covered.length / held.length).toBeGreaterThan(0.86);
    expect(covered.length / held.length).toBeLessThan(0.94);
  });

  it("predicts identically after a JSON round trip", () => {
    const loaded = ResourcePredictor.fromJSON(JSON.parse(JSON.stringify(model)));
    for (const o of observations(50, 3))
      expect(loaded.predict(o.features, o.inputBytes)).toEqual(
        model.predict(o.features, o.inputBytes),
      );
  });

  it("turns features into a fixed vector, missing ones marked", () => {
    expect(featureVector(["bigO", "cyclomatic"], { bigO: "O(n log n)" }, 10)).toEqual([
      1.5, -1, 10,
    ]);
    expect(featureVector(["bigO"], null, Number.NaN)).toEqual([-1, -1]);
    expect(bigOExponent("O(n^3)")).toBe(3);
    expect(() => ResourcePredictor.train([{ ...observations(1, 4)[0]!, cpuSeconds: -1 }])).toThrow(
      /observation 0 has cpuSeconds = -1/,
    );
  });
});
