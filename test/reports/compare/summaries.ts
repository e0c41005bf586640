/** Hand-made summaries as the files `sim compare` reads: summary.json text. */
import { parseSummary } from "../../../reports/compare/parse-summary.js";
import type { Source } from "../../../reports/compare/compare-summaries.js";
import { summaryJson } from "../../../reports/summary-report.js";
import type { PolicySummary } from "../../../sim/model/summary.js";
import { report } from "../run-report-fixture.js";

export { policy } from "../run-report-fixture.js";

export function summaryText(policies: PolicySummary[]): string {
  return summaryJson(report(policies));
}

export function source(path: string, policies: PolicySummary[]): Source {
  return { path, summary: parseSummary(path, summaryText(policies)) };
}
