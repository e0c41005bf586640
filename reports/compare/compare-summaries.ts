/**
 * Two summaries side by side: policies matched by label, then every metric
 * either has, with its change from A to B and the verdict on it. A policy
 * or a metric on one side only is kept, marked as such, never dropped.
 */
import { judge, type Estimate, type Verdict } from "./judge.js";
import { METRICS, type Metric } from "./metrics.js";
import type { ComparedSummary, PolicyFigures } from "./parse-summary.js";

export type Side = "a" | "b";

export type MetricComparison =
  | {
      readonly metric: Metric;
      readonly in: "both";
      readonly a: Estimate;
      readonly b: Estimate;
      /** b - a. */
      readonly delta: number;
      /** delta / |a|; undefined when a is 0. */
      readonly relative: number | undefined;
      readonly verdict: Verdict;
    }
  | { readonly metric: Metric; readonly in: Side; readonly value: Estimate };

export type PolicyComparison =
  | { readonly policy: string; readonly in: "both"; readonly metrics: readonly MetricComparison[] }
  | { readonly policy: string; readonly in: Side };

/** Where a summary came from, and what made it. */
export interface Source {
  readonly path: string;
  readonly summary: ComparedSummary;
}

export interface Comparison {
  readonly a: Source;
  readonly b: Source;
  readonly policies: readonly PolicyComparison[];
  /** How many metric comparisons got each verdict, over every policy. */
  readonly verdicts: Readonly<Record<Verdict, number>>;
}

function estimate(p: PolicyFigures, id: Metric["id"]): Estimate | undefined {
  const value = p.values.get(id);
  return value === undefined ? undefined : { value, ci95: p.ci95.get(id) };
}

function compareMetrics(a: PolicyFigures, b: PolicyFigures): MetricComparison[] {
  const out: MetricComparison[] = [];
  for (const metric of METRICS) {
    const ea = estimate(a, metric.id);
    const eb = estimate(b, metric.id);
    if (ea && eb) {
      const delta = eb.value - ea.value;
      out.push({
        metric,
        in: "both",
        a: ea,
        b: eb,
        delta,
        relative: ea.value === 0 ? undefined : delta / Math.abs(ea.value),
        verdict: judge(ea, eb, metric.better),
      });
    } else if (ea) out.push({ metric, in: "a", value: ea });
    else if (eb) out.push({ metric, in: "b", value: eb });
  }
  return out;
}

export function compareSummaries(a: Source, b: Source): Comparison {
  const inB = new Map(b.summary.policies.map((p) => [p.policy, p]));
  const inA = new Set(a.summary.policies.map((p) => p.policy));
  const policies: PolicyComparison[] = [
    ...a.summary.policies.map((pa): PolicyComparison => {
      const pb = inB.get(pa.policy);
      return pb
        ? { policy: pa.policy, in: "both", metrics: compareMetrics(pa, pb) }
        : { policy: pa.policy, in: "a" };
    }),
    ...b.summary.policies
      .filter((pb) => !inA.has(pb.policy))
      .map((pb): PolicyComparison => ({ policy: pb.policy, in: "b" })),
  ];
  const verdicts: Record<Verdict, number> = {
    equal: 0,
    better: 0,
    worse: 0,
    changed: 0,
    "not significant": 0,
    "cannot judge": 0,
  };
  for (const p of policies)
    if (p.in === "both") for (const m of p.metrics) if (m.in === "both") verdicts[m.verdict]++;
  return { a, b, policies, verdicts };
}
