/**
 * The comparison as a terminal table: a row per policy and metric that is
 * not the same in A and B (equal figures are counted under the table, so a
 * change stands out), then the policies on one side only and the tally.
 */
import { textTable } from "../text-table.js";
import type { Comparison } from "./compare-summaries.js";
import {
  cannotJudgeNote,
  oneSidedPolicies,
  sourceText,
  tallyText,
  verdictText,
} from "./compare-words.js";
import { deltaText, estimateText, relativeText } from "./figure-text.js";

const HEADER = ["policy", "metric", "better", "A", "B", "change", "relative", "verdict"];

export function comparisonTable(c: Comparison): string {
  const body: string[][] = [];
  const notes: string[] = [];
  for (const p of c.policies) {
    if (p.in !== "both") continue;
    let equal = 0;
    for (const m of p.metrics) {
      const better = m.metric.better === "neither" ? "" : m.metric.better;
      const unit = m.metric.unit;
      if (m.in === "both") {
        if (m.verdict === "equal") {
          equal++;
          continue;
        }
        body.push([
          p.policy,
          m.metric.id,
          better,
          estimateText(m.a, unit),
          estimateText(m.b, unit),
          deltaText(m.delta, unit),
          relativeText(m.relative),
          verdictText(m),
        ]);
      } else {
        const value = estimateText(m.value, unit);
        const [a, b] = m.in === "a" ? [value, "-"] : ["-", value];
        body.push([p.policy, m.metric.id, better, a, b, "", "", verdictText(m)]);
      }
    }
    if (equal > 0)
      notes.push(
        equal === p.metrics.length
          ? `${p.policy}: every figure equal in A and B`
          : `${p.policy}: ${equal} of ${p.metrics.length} figures equal in A and B, not shown`,
      );
  }
  const lines = [`A: ${sourceText(c.a)}`, `B: ${sourceText(c.b)}`, ""];
  if (body.length > 0) lines.push(textTable(HEADER, body).trimEnd());
  notes.push(...oneSidedPolicies(c));
  if (notes.length > 0) lines.push(...(body.length > 0 ? [""] : []), ...notes);
  lines.push("", tallyText(c));
  const why = cannotJudgeNote(c);
  if (why) lines.push(why);
  return lines.join("\n") + "\n";
}
