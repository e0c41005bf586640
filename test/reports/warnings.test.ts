import { describe, expect, test } from "vitest";
import { runWarnings } from "../../reports/warnings.js";
import { policy, report } from "./run-report-fixture.js";

describe("warnings after the table", () => {
  test("a healthy run has none", () => {
    expect(runWarnings(report([policy("a"), policy("b")]), 0.99)).toEqual([]);
  });

  test("a policy that fails or rejects more than 1% of requests", () => {
    const at = (failed: number, rejected: number) =>
      runWarnings(
        report([policy("a", { failed, rejected, completed: 1000 - failed - rejected })]),
        0.99,
      );
    expect(at(5, 5)).toEqual([]); // exactly 1%
    expect(at(6, 5)).toEqual([
      "a: 1.1% of requests failed or were rejected (6 failed, 5 rejected)",
    ]);
    expect(at(0, 30)).toEqual([
      "a: 3.0% of requests failed or were rejected (0 failed, 30 rejected)",
    ]);
  });

  test("a policy that misses the SLA, against the scenario's target", () => {
    const r = report([policy("a", { slaAttainment: 0.985 })]);
    expect(runWarnings(r, 0.99)).toEqual([
      "a misses the SLA: 98.50% of requests within 500 ms, the target is 99%",
    ]);
    expect(runWarnings(r, 0.98)).toEqual([]);
  });

  test("an overloaded fleet, utilization near 100%", () => {
    expect(runWarnings(report([policy("a", { utilization: 0.94 })]), 0.99)).toEqual([]);
    expect(runWarnings(report([policy("a", { utilization: 0.97 })]), 0.99)).toEqual([
      "a: utilization 97.0%: the fleet is overloaded, so queueing sets its latency",
    ]);
  });

  test("a workload with no requests says so, once", () => {
    const empty = { requests: 0, completed: 0, slaAttainment: 1, utilization: 0 };
    expect(runWarnings(report([policy("a", empty), policy("b", empty)]), 0.99)).toEqual([
      "no request arrived within the 1.0 h horizon: check the workload (trace file, rate, duration)",
    ]);
  });
});
