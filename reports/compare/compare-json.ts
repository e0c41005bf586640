/** The comparison as JSON: every figure at full precision, with its interval and verdict. */
import type { Estimate } from "./judge.js";
import type {
  Comparison,
  MetricComparison,
  PolicyComparison,
  Source,
} from "./compare-summaries.js";

function source(s: Source) {
  const { scenario, seed, replications } = s.summary;
  return {
    path: s.path,
    scenario: scenario ?? null,
    seed: seed ?? null,
    replications: replications ?? null,
  };
}

const ci = (e: Estimate) => e.ci95 ?? null;

function metric(m: MetricComparison) {
  const head = { metric: m.metric.id, unit: m.metric.unit, better: m.metric.better, in: m.in };
  if (m.in !== "both")
    return m.in === "a"
      ? { ...head, a: m.value.value, aCi95: ci(m.value) }
      : { ...head, b: m.value.value, bCi95: ci(m.value) };
  return {
    ...head,
    a: m.a.value,
    aCi95: ci(m.a),
    b: m.b.value,
    bCi95: ci(m.b),
    delta: m.delta,
    relative: m.relative ?? null,
    verdict: m.verdict,
  };
}

function policy(p: PolicyComparison) {
  return p.in === "both"
    ? { policy: p.policy, in: p.in, metrics: p.metrics.map(metric) }
    : { policy: p.policy, in: p.in };
}

/** The comparison as a JSON value: also one scenario's part of a golden comparison. */
export function comparisonJsonValue(c: Comparison) {
  return {
    a: source(c.a),
    b: source(c.b),
    policies: c.policies.map(policy),
    verdicts: c.verdicts,
  };
}

export function comparisonJson(c: Comparison): string {
  return JSON.stringify(comparisonJsonValue(c), null, 2) + "\n";
}
