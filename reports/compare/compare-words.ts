/** The words the terminal table and the HTML page share: sources, verdicts, the tally. */
import type { Verdict } from "./judge.js";
import type { Comparison, MetricComparison, Side, Source } from "./compare-summaries.js";

export const SIDE_NAME: Readonly<Record<Side, string>> = { a: "A", b: "B" };

/** `quickstart, seed 42, 5 replications`, from what the summary says of itself. */
export function sourceText(s: Source): string {
  const { scenario, seed, replications } = s.summary;
  const parts = [
    scenario,
    seed === undefined ? undefined : `seed ${seed}`,
    replications === undefined
      ? undefined
      : `${replications} replication${replications === 1 ? "" : "s"}`,
  ].filter((p) => p !== undefined);
  return parts.length === 0 ? s.path : `${s.path} (${parts.join(", ")})`;
}

/** The verdict column of a metric's row. */
export function verdictText(m: MetricComparison): string {
  return m.in === "both" ? m.verdict : `only in ${SIDE_NAME[m.in]}`;
}

const TALLY: readonly [Verdict, string][] = [
  ["worse", "significantly worse"],
  ["better", "significantly better"],
  ["changed", "significantly changed (no better direction)"],
  ["not significant", "not significant (95% intervals overlap)"],
  ["cannot judge", "cannot be judged (no 95% interval on both sides)"],
  ["equal", "equal"],
];

/** `B against A: 1 significantly worse, ...` over every policy in both. */
export function tallyText(c: Pick<Comparison, "verdicts">): string {
  const parts = TALLY.filter(([v]) => c.verdicts[v] > 0).map(([v, t]) => `${c.verdicts[v]} ${t}`);
  return `B against A: ${parts.length === 0 ? "no figure in common" : parts.join(", ")}.`;
}

/** Why some figures cannot be judged, when some cannot. */
export function cannotJudgeNote(c: Comparison): string | undefined {
  if (c.verdicts["cannot judge"] === 0) return undefined;
  return (
    "A difference is judged only where both sides give a 95% interval: summaries with " +
    "replications give one for cost, latency p50 and p99, SLA attainment and mean instances."
  );
}

/** The policies on one side only, as one line each. */
export function oneSidedPolicies(c: Comparison): string[] {
  return (["a", "b"] as const).flatMap((side) => {
    const names = c.policies.filter((p) => p.in === side).map((p) => p.policy);
    return names.length === 0 ? [] : [`only in ${SIDE_NAME[side]}: ${names.join(", ")}`];
  });
}
