/** The verdict on a candidate's runs: where each criterion's 95% interval lies against its limit. */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { RunSummary } from "../../../sim/model/summary.js";
import { halfWidth95 } from "../../../sim/run/confidence.js";
import { judge } from "../../../sim/run/plan/judge.js";
import type { SlaCriterion } from "../../../sim/scenario/plan-section.js";

/** Runs whose figures are the given queue waits and attainments (the rest unused). */
const runs = (waits: number[], attainment = 1): RunSummary[] =>
  waits.map(
    (w, i) =>
      ({
        costUsd: 1 + i * 0.01,
        slaAttainment: attainment,
        latencyS: { p99: 0 },
        coldStartRatio: 0,
        queueWaitS: { mean: w },
      }) as unknown as RunSummary,
  );

const WAIT: SlaCriterion = { metric: "meanQueueWait", bound: "max", limit: 0.01 };
const ATTAINMENT: SlaCriterion = { metric: "attainment", bound: "min", limit: 0.99 };

describe("judge", () => {
  test("meets, misses or undecided by where the interval lies", () => {
    expect(judge(runs([0.004, 0.005, 0.006]), [WAIT]).verdict).toBe("meets");
    expect(judge(runs([0.02, 0.021, 0.019]), [WAIT]).verdict).toBe("misses");
    expect(judge(runs([0.005, 0.015, 0.01]), [WAIT]).verdict).toBe("undecided");
    // One run has no interval: never decided.
    expect(judge(runs([0.001]), [WAIT]).verdict).toBe("undecided");
    // Any criterion missed is a miss; all met is a pass.
    expect(judge(runs([0.004, 0.005, 0.006], 0.9), [WAIT, ATTAINMENT]).verdict).toBe("misses");
    expect(judge(runs([0.004, 0.005, 0.006], 0.995), [WAIT, ATTAINMENT]).verdict).toBe("meets");
    const cost = judge(runs([0, 0, 0]), [WAIT]).costUsd;
    expect(cost.mean).toBeCloseTo(1.01, 12);
    expect(cost.halfWidth).toBeCloseTo(halfWidth95([1, 1.01, 1.02]), 12);
  });

  test("property: a verdict agrees with the interval, whatever the runs", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 0.05, noNaN: true }), { minLength: 2, maxLength: 12 }),
        (waits) => {
          const j = judge(runs(waits), [WAIT]).criteria[0]!;
          const lo = j.mean - j.halfWidth;
          const hi = j.mean + j.halfWidth;
          const expected = hi <= WAIT.limit ? "meets" : lo > WAIT.limit ? "misses" : "undecided";
          expect(j.verdict).toBe(expected);
          expect(lo).toBeLessThanOrEqual(j.mean);
        },
      ),
    );
  });
});
