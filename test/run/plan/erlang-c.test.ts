/**
 * The planner on a case with a closed-form answer: an M/M/c fleet sized for
 * a target mean queue wait. Erlang C gives the smallest c whose mean wait
 * is within the target; every instance costs the same, so that c is the
 * cheapest configuration meeting the SLA, and the planner must find it on
 * every seed.
 */
import { describe, expect, test } from "vitest";
import { mmc } from "../../../sim/engine/analytic/erlang-c.js";
import { planPipeline } from "../../../sim/run/plan/plan-pipeline.js";
import { mmcPlanYaml, scenarioFile, type MmcPlan } from "../../support/plan-scenario.js";

/** Mean queue wait of M/M/c, Infinity when unstable. */
function meanWait(lambda: number, meanServiceS: number, c: number): number {
  return lambda * meanServiceS >= c ? Infinity : mmc(lambda, 1 / meanServiceS, c).meanWait;
}

/** The smallest fleet whose Erlang C mean wait meets the target. */
function erlangCSize(p: MmcPlan): number {
  let c = 1;
  while (meanWait(p.lambda, p.meanServiceS, c) > p.targetWaitS) c++;
  return c;
}

const CASES: MmcPlan[] = [
  // 2 erlangs: c = 4 waits 17.4 ms, c = 5 waits 4.0 ms.
  { lambda: 10, meanServiceS: 0.2, targetWaitS: 0.008, instances: [1, 8] },
  // 4 erlangs: c = 5 waits 111 ms, c = 6 waits 28 ms.
  { lambda: 20, meanServiceS: 0.2, targetWaitS: 0.055, instances: [2, 9] },
];
const SEEDS = [1, 2, 3, 4, 5];

describe("sim plan sizes an M/M/c fleet as Erlang C does", () => {
  test.each(CASES)("$lambda/s, $meanServiceS s, wait <= $targetWaitS s", async (p) => {
    const c = erlangCSize(p);
    // The target sits well between the two sizes around the answer (a factor of 1.7 or more
    // each way), so the answer is one a finite simulation can tell.
    expect(meanWait(p.lambda, p.meanServiceS, c - 1) / p.targetWaitS).toBeGreaterThan(1.7);
    expect(p.targetWaitS / meanWait(p.lambda, p.meanServiceS, c)).toBeGreaterThan(1.7);
    for (const seed of SEEDS) {
      const { report } = await planPipeline({ file: scenarioFile(mmcPlanYaml({ ...p, seed })) });
      expect(report.outcome).toBe("found");
      const winner = report.candidates[report.winner!]!;
      expect(winner.settings.instances).toBe(c);
      // The winner meets the SLA with 95% confidence: its interval lies under the target.
      const wait = winner.criteria.find((k) => k.metric === "meanQueueWait")!;
      expect(wait.mean! + wait.halfWidth!).toBeLessThanOrEqual(p.targetWaitS);
      // The next size down is out with 95% confidence: its interval lies above the target.
      const below = report.candidates.find((k) => k.settings.instances === c - 1)!;
      expect(below.status).toBe("misses");
      // Runs add up: the screen, and what was added.
      expect(report.runsSpent).toBe(report.candidates.reduce((a, k) => a + k.replications, 0));
    }
  });

  test("a target close to the answer's wait adds replications where the interval straddles it", async () => {
    // c = 5 waits 4.0 ms in theory; a limit of 3.9 ms puts its interval across the line.
    const p: MmcPlan = {
      lambda: 10,
      meanServiceS: 0.2,
      targetWaitS: 0.0039,
      instances: [4, 6],
      seed: 2,
      max: 12,
    };
    const { report } = await planPipeline({ file: scenarioFile(mmcPlanYaml(p)) });
    const five = report.candidates.find((k) => k.settings.instances === 5)!;
    expect(five.replications).toBeGreaterThan(3);
    expect(five.replications).toBeLessThanOrEqual(12);
    // Only a candidate cheaper than the best known to meet the SLA gets more runs.
    const six = report.candidates.find((k) => k.settings.instances === 6)!;
    expect(six.replications).toBe(3);
    // Whatever the outcome, a winner is never one whose interval crosses the line.
    const winner = report.winner === null ? undefined : report.candidates[report.winner];
    if (winner) {
      const wait = winner.criteria.find((k) => k.metric === "meanQueueWait")!;
      expect(wait.mean! + wait.halfWidth!).toBeLessThanOrEqual(p.targetWaitS);
    }
    // One still straddling at the maximum of replications is undecided, and not the winner.
    if (five.status === "undecided") expect(five.replications).toBe(12);
    expect(report.outcome).toBe("found");
    expect(winner!.settings.instances).toBe(five.status === "meets" ? 5 : 6);
  });
});
