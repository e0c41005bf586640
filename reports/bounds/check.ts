/**
 * A run against its bounds. Only worse fails: a figure past its bound on
 * the worse side is a regression; one better than measured by more than
 * the tolerance passes, and says the bound could be tightened. Bounds that
 * do not describe this run (another scenario, seed or number of
 * replications, other policies) are a mismatch: nothing is compared then.
 */
import type { RunReport } from "../summary-report.js";
import type { BoundsFile, ToleranceSource } from "./bounds-file.js";
import { BOUND_METRICS, METRIC_KEYS, type MetricKey } from "./metrics.js";

export type Verdict = "worse" | "within" | "better";

export interface BoundCheck {
  readonly policy: string;
  readonly metric: MetricKey;
  readonly actual: number;
  readonly measured: number;
  readonly bound: number;
  readonly from: ToleranceSource;
  readonly verdict: Verdict;
}

export interface BoundsResult {
  readonly scenario: string;
  readonly replications: number;
  readonly margin: number;
  /** Why the bounds do not describe this run; empty when they do. */
  readonly mismatches: readonly string[];
  readonly checks: readonly BoundCheck[];
}

function verdict(worse: "higher" | "lower", actual: number, measured: number, bound: number) {
  // Oriented so that larger is worse; NaN (no figure at all) is worse too.
  const sign = worse === "higher" ? 1 : -1;
  const [a, m, b] = [sign * actual, sign * measured, sign * bound];
  if (!(a <= b)) return "worse";
  return a < m - (b - m) ? "better" : "within";
}

function mismatches(report: RunReport, bounds: BoundsFile): string[] {
  const out: string[] = [];
  const differ = (what: string, run: unknown, file: unknown) => {
    if (run !== file)
      out.push(`the bounds are for ${what} ${String(file)}, the run has ${String(run)}`);
  };
  differ("scenario", report.scenario, bounds.scenario);
  differ("seed", report.seed, bounds.seed);
  differ("replications", report.replications, bounds.replications);
  const run = report.policies.map((p) => p.policy);
  const file = Object.keys(bounds.policies);
  for (const p of run.filter((p) => !file.includes(p))) out.push(`no bounds for policy ${p}`);
  for (const p of file.filter((p) => !run.includes(p)))
    out.push(`bounds for policy ${p}, which the run does not have`);
  return out;
}

export function checkBounds(report: RunReport, bounds: BoundsFile): BoundsResult {
  const result = {
    scenario: report.scenario,
    replications: report.replications,
    margin: bounds.margin,
  };
  const wrong = mismatches(report, bounds);
  if (wrong.length > 0) return { ...result, mismatches: wrong, checks: [] };
  const checks = report.policies.flatMap((p) =>
    METRIC_KEYS.map((k): BoundCheck => {
      const m = BOUND_METRICS[k];
      const { measured, bound, from } = bounds.policies[p.policy]![k];
      const actual = m.of(p);
      return {
        policy: p.policy,
        metric: k,
        actual,
        measured,
        bound,
        from,
        verdict: verdict(m.worse, actual, measured, bound),
      };
    }),
  );
  return { ...result, mismatches: [], checks };
}

export const regressions = (r: BoundsResult) => r.checks.filter((c) => c.verdict === "worse");
export const tightenable = (r: BoundsResult) => r.checks.filter((c) => c.verdict === "better");
