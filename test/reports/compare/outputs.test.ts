import { describe, expect, test } from "vitest";
import { comparisonHtml } from "../../../reports/compare/compare-html.js";
import { comparisonJson } from "../../../reports/compare/compare-json.js";
import { compareSummaries } from "../../../reports/compare/compare-summaries.js";
import { comparisonTable } from "../../../reports/compare/compare-text.js";
import { METRICS } from "../../../reports/compare/metrics.js";
import { policy, source } from "./summaries.js";

const a = source("runs/a", [
  policy("hpa", { costUsd: 1, slaAttainment: 0.99, ci95: { costUsd: 0.05, slaAttainment: 0.001 } }),
  policy("static <big>", { costUsd: 2, ci95: {} }),
  policy("retired"),
]);
const b = source("runs/b", [
  policy("hpa", {
    costUsd: 1.25,
    slaAttainment: 0.995,
    maxInstances: 7,
    ci95: { costUsd: 0.05, slaAttainment: 0.001 },
  }),
  policy("static <big>", { costUsd: 2, ci95: {} }),
  policy("fresh"),
]);
const c = compareSummaries(a, b);

describe("the terminal table", () => {
  const text = comparisonTable(c);
  const row = (policy: string, metric: string) =>
    text.split("\n").find((l) => l.startsWith(policy) && l.includes(` ${metric} `));

  test("a row per changed figure, with both sides, the change and the verdict", () => {
    expect(row("hpa", "cost_usd")).toMatch(
      /^hpa +cost_usd +lower +\$1\.00 ±0\.0500 +\$1\.25 ±0\.0500 +\+\$0\.250 +\+25\.0% +worse$/,
    );
    expect(row("hpa", "sla_attainment")).toMatch(
      /higher +99\.00% ±0\.100% +99\.50% ±0\.100% +\+0\.500 pp +\+0\.505% +better$/,
    );
    // No interval for max instances: shown, not judged.
    expect(row("hpa", "max_instances")).toMatch(/ 5 +7 +\+2 +\+40\.0% +cannot judge$/);
  });

  test("equal figures are counted, not shown; one-sided policies are listed", () => {
    expect(row("static <big>", "cost_usd")).toBeUndefined();
    expect(text).toContain("static <big>: every figure equal in A and B\n");
    expect(text).toContain(`hpa: ${METRICS.length - 3} of ${METRICS.length} figures equal`);
    expect(text).toContain("only in A: retired\nonly in B: fresh\n");
    expect(text).toMatch(/^A: runs\/a \(test, seed 1, 5 replications\)\nB: runs\/b /);
  });

  test("the tally, and why some figures cannot be judged", () => {
    expect(text).toContain(
      `B against A: 1 significantly worse, 1 significantly better, 1 cannot be judged (no 95% interval on both sides), ${2 * METRICS.length - 3} equal.`,
    );
    expect(text).toMatch(/judged only where both sides give a 95% interval/);
  });
});

describe("the JSON", () => {
  const json = JSON.parse(comparisonJson(c));

  test("every figure at full precision with its interval and verdict", () => {
    expect(json.a).toEqual({ path: "runs/a", scenario: "test", seed: 1, replications: 5 });
    const hpa = json.policies[0];
    expect(hpa.metrics).toHaveLength(METRICS.length);
    expect(hpa.metrics.find((m: { metric: string }) => m.metric === "cost_usd")).toEqual({
      metric: "cost_usd",
      unit: "usd",
      better: "lower",
      in: "both",
      a: 1,
      aCi95: 0.05,
      b: 1.25,
      bCi95: 0.05,
      delta: 0.25,
      relative: 0.25,
      verdict: "worse",
    });
    expect(hpa.metrics.find((m: { metric: string }) => m.metric === "max_instances")).toMatchObject(
      { aCi95: null, bCi95: null, verdict: "cannot judge" },
    );
    expect(json.policies.slice(2)).toEqual([
      { policy: "retired", in: "a" },
      { policy: "fresh", in: "b" },
    ]);
    expect(json.verdicts).toMatchObject({ worse: 1, better: 1, "cannot judge": 1 });
  });
});

describe("the HTML page", () => {
  const html = comparisonHtml(c);

  test("has a table per policy in both, rows marked by verdict, names escaped", () => {
    expect(html.match(/<table>/g)).toHaveLength(2);
    expect(html).toContain("<h2>static &lt;big&gt;</h2>");
    expect(html).not.toContain("<big>");
    expect(html).toMatch(
      /<tr class="worse"><th scope="row" title="[^"]*">cost_usd<\/th><td>lower<\/td><td>\$1\.00 ±0\.0500<\/td><td>\$1\.25 ±0\.0500<\/td>.*<td class="verdict">worse<\/td><\/tr>/,
    );
    expect(html).toMatch(/<tr class="better"><th[^>]*>sla_attainment</);
    expect(html).toContain("only in A: retired");
  });

  test("loads nothing: no script, no link, a policy that forbids any request", () => {
    expect(html).not.toMatch(/<script|<link|<img|https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
  });
});
