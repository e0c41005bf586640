/**
 * Two sets of golden summaries (scenarios/golden/*.json at two commits, or
 * at a commit and in the working tree) compared scenario by scenario, each
 * as `sim compare` compares two summaries. A golden on one side only is
 * kept and marked, never dropped.
 */
import { compareSummaries, type Comparison } from "./compare-summaries.js";
import type { Verdict } from "./judge.js";
import { parseSummary } from "./parse-summary.js";

/** One golden file's text, with the name it is shown by (`REV:scenarios/golden/x.json`). */
export interface GoldenFile {
  readonly path: string;
  readonly text: string;
}

/** Where a set of goldens came from: a revision as given, and the commit it names. */
export interface GoldenSet {
  readonly label: string;
  readonly files: ReadonlyMap<string, GoldenFile>;
}

export type ScenarioComparison =
  | { readonly scenario: string; readonly in: "both"; readonly comparison: Comparison }
  | { readonly scenario: string; readonly in: "a" | "b"; readonly path: string };

export interface GoldenComparison {
  readonly a: string;
  readonly b: string;
  readonly scenarios: readonly ScenarioComparison[];
  /** The verdicts over every scenario. */
  readonly verdicts: Readonly<Record<Verdict, number>>;
}

export function compareGoldens(a: GoldenSet, b: GoldenSet): GoldenComparison {
  const names = [...new Set([...a.files.keys(), ...b.files.keys()])].sort();
  const verdicts: Record<Verdict, number> = {
    equal: 0,
    better: 0,
    worse: 0,
    changed: 0,
    "not significant": 0,
    "cannot judge": 0,
  };
  const scenarios = names.map((scenario): ScenarioComparison => {
    const fa = a.files.get(scenario);
    const fb = b.files.get(scenario);
    if (!fb) return { scenario, in: "a", path: fa!.path };
    if (!fa) return { scenario, in: "b", path: fb.path };
    const comparison = compareSummaries(
      { path: fa.path, summary: parseSummary(fa.path, fa.text) },
      { path: fb.path, summary: parseSummary(fb.path, fb.text) },
    );
    for (const [v, n] of Object.entries(comparison.verdicts)) verdicts[v as Verdict] += n;
    return { scenario, in: "both", comparison };
  });
  return { a: a.label, b: b.label, scenarios, verdicts };
}
