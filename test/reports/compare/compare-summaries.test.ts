import { describe, expect, test } from "vitest";
import {
  compareSummaries,
  type MetricComparison,
  type PolicyComparison,
} from "../../../reports/compare/compare-summaries.js";
import { parseSummary } from "../../../reports/compare/parse-summary.js";
import { METRICS } from "../../../reports/compare/metrics.js";
import { policy, source, summaryText } from "./summaries.js";

function metricOf(p: PolicyComparison | undefined, id: string): MetricComparison {
  if (p?.in !== "both") throw new Error(`policy ${p?.policy} is not in both`);
  const m = p.metrics.find((x) => x.metric.id === id);
  if (!m) throw new Error(`no ${id}`);
  return m;
}

describe("compareSummaries", () => {
  test("matches policies by label, whatever their order, and keeps one-sided ones", () => {
    const a = source("A", [policy("hpa"), policy("static", { costUsd: 2 }), policy("old")]);
    const b = source("B", [policy("new"), policy("static", { costUsd: 3 }), policy("hpa")]);
    const c = compareSummaries(a, b);
    expect(c.policies.map((p) => [p.policy, p.in])).toEqual([
      ["hpa", "both"],
      ["static", "both"],
      ["old", "a"],
      ["new", "b"],
    ]);
    const cost = metricOf(c.policies[1], "cost_usd");
    expect(cost).toMatchObject({ in: "both", a: { value: 2 }, b: { value: 3 }, delta: 1 });
    expect(cost.in === "both" && cost.relative).toBe(0.5);
  });

  test("a significant rise of cost is worse, of SLA attainment better; counted once each", () => {
    const a = source("A", [policy("p", { costUsd: 1, slaAttainment: 0.9, ci95: {} })]);
    const b = source("B", [
      policy("p", {
        costUsd: 1.5,
        slaAttainment: 0.95,
        ci95: { costUsd: 0.1, slaAttainment: 0.01 },
      }),
    ]);
    const c = compareSummaries(a, b);
    expect(metricOf(c.policies[0], "cost_usd")).toMatchObject({ verdict: "worse" });
    expect(metricOf(c.policies[0], "sla_attainment")).toMatchObject({ verdict: "better" });
    expect(c.verdicts.worse).toBe(1);
    expect(c.verdicts.better).toBe(1);
    // The other figures are the same on both sides.
    expect(c.verdicts.equal).toBe(METRICS.length - 2);
  });

  test("without replications every change is 'cannot judge', never worse", () => {
    const a = source("A", [policy("p", { costUsd: 1 })]);
    const b = source("B", [policy("p", { costUsd: 100, slaAttainment: 0.1 })]);
    const c = compareSummaries(a, b);
    expect(metricOf(c.policies[0], "cost_usd")).toMatchObject({ verdict: "cannot judge" });
    expect(c.verdicts.worse).toBe(0);
    expect(c.verdicts["cannot judge"]).toBe(2);
  });

  test("a metric one summary lacks is listed as on the other side only", () => {
    const withNotices = summaryText([policy("p")]);
    const older = JSON.parse(withNotices) as { policies: Record<string, unknown>[] };
    delete older.policies[0]!.notices;
    delete (older.policies[0]!.latencyS as Record<string, unknown>).p95;
    const a = { path: "A", summary: parseSummary("A", JSON.stringify(older)) };
    const b = { path: "B", summary: parseSummary("B", withNotices) };
    const c = compareSummaries(a, b);
    expect(metricOf(c.policies[0], "notices")).toMatchObject({ in: "b", value: { value: 0 } });
    expect(metricOf(c.policies[0], "latency_p95_s")).toMatchObject({ in: "b" });
    const reversed = compareSummaries(b, a);
    expect(metricOf(reversed.policies[0], "notices")).toMatchObject({ in: "a" });
    // Neither counted as a verdict.
    expect(c.verdicts.equal).toBe(METRICS.length - 2);
  });

  test("a relative change from 0 is undefined, not infinite", () => {
    const c = compareSummaries(
      source("A", [policy("p", { rejected: 0 })]),
      source("B", [policy("p", { rejected: 4 })]),
    );
    expect(metricOf(c.policies[0], "rejected")).toMatchObject({ delta: 4, relative: undefined });
  });
});
