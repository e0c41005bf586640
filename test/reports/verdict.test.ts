import { describe, expect, test } from "vitest";
import { verdictLine } from "../../reports/verdict.js";
import { policy, report } from "./run-report-fixture.js";

describe("the verdict", () => {
  test("names the cheapest policy that meets the SLA, not a cheaper one that misses it", () => {
    const v = verdictLine(
      report([
        policy("big", { costUsd: 3 }),
        policy("small", { costUsd: 1, slaAttainment: 0.9 }),
        policy("auto", { costUsd: 2 }),
      ]),
      0.99,
    );
    expect(v).toMatch(
      /^verdict: auto is the cheapest policy that meets the SLA \(99% of requests within 500 ms\): \$2\.00 against \$3\.00 for big/,
    );
    expect(v).toContain("small (90.00%) costs less but misses the SLA");
    expect(v).not.toMatch(/significant/);
  });

  test("the target is the scenario's: the same figures meet 99% and miss 99.95%", () => {
    const r = report([policy("a", { slaAttainment: 0.995 })]);
    expect(verdictLine(r, 0.99)).toMatch(/a is the only policy that meets the SLA/);
    expect(verdictLine(r, 0.9995)).toMatch(
      /no policy meets the SLA \(99\.95% of requests within 500 ms\); the closest is a at 99\.50%/,
    );
  });

  test("says that none does, and which comes closest", () => {
    const v = verdictLine(
      report([policy("a", { slaAttainment: 0.8 }), policy("b", { slaAttainment: 0.95 })]),
      0.99,
    );
    expect(v).toBe(
      "verdict: no policy meets the SLA (99% of requests within 500 ms); the closest is b at 95.00%.",
    );
  });

  test("overlapping 95% cost intervals: the difference is not significant", () => {
    const v = verdictLine(
      report([
        policy("a", { costUsd: 1.0, ci95: { costUsd: 0.1 } }),
        policy("b", { costUsd: 1.15, ci95: { costUsd: 0.1 } }),
      ]),
      0.99,
    );
    expect(v).toMatch(/a is the cheapest .*: \$1\.00 ±0\.10 against \$1\.15 ±0\.10 for b/);
    expect(v).toContain("the cost difference from b is not significant at 95%");
  });

  test("intervals apart: the difference is significant", () => {
    const v = verdictLine(
      report([
        policy("a", { costUsd: 1.0, ci95: { costUsd: 0.05 } }),
        policy("b", { costUsd: 1.15, ci95: { costUsd: 0.05 } }),
      ]),
      0.99,
    );
    expect(v).toContain("the cost difference is significant at 95%");
    expect(v).not.toContain("not significant");
  });

  test("a pass or a miss within the interval of the target is not significant either", () => {
    const v = verdictLine(
      report([
        policy("a", { costUsd: 1, slaAttainment: 0.985, ci95: { slaAttainment: 0.01 } }),
        policy("b", { costUsd: 2, slaAttainment: 0.992, ci95: { slaAttainment: 0.005 } }),
      ]),
      0.99,
    );
    expect(v).toMatch(/b is the only policy that meets the SLA/);
    expect(v).toContain("its SLA attainment (99.20% ±0.50%) is not significantly above the target");
    expect(v).toContain(
      "a (98.50% ±1.00%) costs less but misses the SLA (a: not significantly at 95%)",
    );
    const none = verdictLine(
      report([policy("a", { slaAttainment: 0.985, ci95: { slaAttainment: 0.01 } })]),
      0.99,
    );
    expect(none).toContain("its shortfall is not significant at 95%");
  });

  test("no requests: nothing to compare", () => {
    const v = verdictLine(report([policy("a", { requests: 0, completed: 0 })]), 0.99);
    expect(v).toMatch(/nothing to compare: no request arrived/);
  });
});
