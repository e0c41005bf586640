/**
 * A bundled scenario's run against its committed bounds, as a list of
 * problems (one line each: scenario, policy, metric, by how much); empty
 * when every policy is within them. Bounds that do not fit the run, or no
 * bounds file at all, are problems too.
 */
import { existsSync, readFileSync } from "node:fs";
import { checkBounds, regressions } from "../../reports/bounds/check.js";
import { mismatchMessage, regressionMessage } from "../../reports/bounds/messages.js";
import { parseBounds } from "../../reports/bounds/parse-bounds.js";
import type { RunReport } from "../../reports/summary-report.js";

export function boundsProblems(report: RunReport, boundsFile: string, scenario: string): string[] {
  const update = `sim bounds --update ${scenario} rewrites them on purpose`;
  if (!existsSync(boundsFile)) return [`${boundsFile}: no bounds file (${update})`];
  const result = checkBounds(report, parseBounds(readFileSync(boundsFile, "utf8"), boundsFile));
  const wrong = result.mismatches.map((m) => `${mismatchMessage(result, m)} (${update})`);
  return [...wrong, ...regressions(result).map((c) => regressionMessage(result, c))];
}
