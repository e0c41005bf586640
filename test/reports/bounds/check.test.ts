import { describe, expect, test } from "vitest";
import { checkBounds, regressions, tightenable } from "../../../reports/bounds/check.js";
import { checkText } from "../../../reports/bounds/check-text.js";
import { deriveBounds } from "../../../reports/bounds/derive.js";
import { regressionMessage } from "../../../reports/bounds/messages.js";
import type { PolicySummary } from "../../../sim/model/summary.js";
import { policy, report } from "../run-report-fixture.js";

const base = report([policy("a", { costUsd: 2, coldStartRatio: 0.1 }), policy("b")]);
const bounds = deriveBounds(base, 0.05);

/** The base run with policy a changed. */
function withA(o: Partial<PolicySummary>) {
  const [a, b] = base.policies;
  return checkBounds(report([{ ...a!, ...o }, b!]), bounds);
}

describe("checkBounds", () => {
  test("the run the bounds came from is within all of them", () => {
    const r = checkBounds(base, bounds);
    expect(r.mismatches).toEqual([]);
    expect(r.checks).toHaveLength(8);
    expect(r.checks.every((c) => c.verdict === "within")).toBe(true);
  });

  test("floating-point noise on the worse side of every figure passes", () => {
    const e = 1 + 1e-9;
    const r = withA({
      costUsd: 2 * e,
      latencyS: { ...base.policies[0]!.latencyS, p99: 0.6 * e },
      slaAttainment: 0.999 / e,
      coldStartRatio: 0.1 * e,
    });
    expect(regressions(r)).toEqual([]);
  });

  test("only worse fails: higher cost, latency and cold-start ratio, lower attainment", () => {
    const worse = withA({
      costUsd: 2.2,
      latencyS: { ...base.policies[0]!.latencyS, p99: 0.7 },
      slaAttainment: 0.998,
      coldStartRatio: 0.2,
    });
    expect(regressions(worse).map((c) => `${c.policy}.${c.metric}`)).toEqual([
      "a.costUsd",
      "a.latencyP99S",
      "a.slaAttainment",
      "a.coldStartRatio",
    ]);
    const better = withA({
      costUsd: 1.5,
      latencyS: { ...base.policies[0]!.latencyS, p99: 0.5 },
      slaAttainment: 1,
      coldStartRatio: 0.05,
    });
    expect(regressions(better)).toEqual([]);
    expect(tightenable(better)).toHaveLength(4);
  });

  test("a figure just inside its tolerance is neither worse nor better", () => {
    expect(withA({ costUsd: 2.09 }).checks[0]!.verdict).toBe("within");
    expect(withA({ costUsd: 1.91 }).checks[0]!.verdict).toBe("within");
    expect(withA({ costUsd: 2.11 }).checks[0]!.verdict).toBe("worse");
    expect(withA({ costUsd: 1.89 }).checks[0]!.verdict).toBe("better");
  });

  test("a figure that is not a number is worse", () => {
    const r = withA({ latencyS: { ...base.policies[0]!.latencyS, p99: NaN } });
    expect(regressions(r).map((c) => c.metric)).toEqual(["latencyP99S"]);
  });

  test("the message names scenario, policy, metric, bound and by how much", () => {
    const r = withA({ costUsd: 2.31 });
    const [c] = regressions(r);
    expect(regressionMessage(r, c!)).toBe(
      "test, policy a: cost worse: $2.31, above its bound $2.1 by $0.21; measured $2 ±$0.1 (5% margin), now +15.5%",
    );
    const att = withA({ slaAttainment: 0.99 });
    expect(regressionMessage(att, regressions(att)[0]!)).toMatch(
      /^test, policy a: SLA attainment worse: 99%, below its bound 99\.895% by 0\.895 pp; measured 99\.9% ±0\.005 pp \(5% margin of the shortfall\)/,
    );
    expect(checkText(r)).toMatch(
      /^test: 1 of 8 bounds broken \(2 policies\)\n {2}worse: test, policy a: cost/,
    );
    expect(checkText(withA({ costUsd: 1 }))).toMatch(/could be tightened/);
  });

  test("bounds of another seed, scenario, replications or policies are a mismatch, nothing compared", () => {
    const other = checkBounds(report(base.policies.slice(), { seed: 2, scenario: "x" }), bounds);
    expect(other.mismatches).toEqual([
      "the bounds are for scenario test, the run has x",
      "the bounds are for seed 1, the run has 2",
    ]);
    expect(other.checks).toEqual([]);
    const fewer = checkBounds(report([policy("b"), policy("c")]), bounds);
    expect(fewer.mismatches).toEqual([
      "no bounds for policy c",
      "bounds for policy a, which the run does not have",
    ]);
  });
});
