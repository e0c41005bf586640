/**
 * The comparison as a small HTML page: a table per policy with every
 * metric (equal ones too, dimmed), worse and better rows marked. It loads
 * nothing: no script, and a Content-Security-Policy that forbids any request.
 */
import { escapeHtml } from "../html/escape.js";
import type { Comparison, MetricComparison, PolicyComparison } from "./compare-summaries.js";
import {
  cannotJudgeNote,
  oneSidedPolicies,
  sourceText,
  tallyText,
  verdictText,
} from "./compare-words.js";
import { deltaText, estimateText, relativeText } from "./figure-text.js";

const CSP = "default-src 'none'; style-src 'unsafe-inline'";

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .3rem; }
.meta, .note { color: #555; }
table { border-collapse: collapse; margin: .6rem 0 1.4rem; font-variant-numeric: tabular-nums; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #ddd; }
td { text-align: right; white-space: nowrap; }
th[scope=row] { text-align: left; font-weight: normal; }
thead th { text-align: right; border-bottom: 2px solid #999; }
thead th:first-child { text-align: left; }
tr.worse td.verdict { color: #b00020; font-weight: 600; }
tr.better td.verdict { color: #1b7f3b; font-weight: 600; }
tr.equal { color: #888; }
`;

/** A row's class: its verdict, as a CSS name. */
function rowClass(m: MetricComparison): string {
  return m.in === "both" ? m.verdict.replace(/ /g, "-") : `only-${m.in}`;
}

function row(m: MetricComparison): string {
  const unit = m.metric.unit;
  const [a, b, change, relative] =
    m.in === "both"
      ? [
          estimateText(m.a, unit),
          estimateText(m.b, unit),
          deltaText(m.delta, unit),
          relativeText(m.relative),
        ]
      : m.in === "a"
        ? [estimateText(m.value, unit), "-", "", ""]
        : ["-", estimateText(m.value, unit), "", ""];
  const better = m.metric.better === "neither" ? "" : m.metric.better;
  const cells = [better, a, b, change, relative].map((t) => `<td>${escapeHtml(t)}</td>`).join("");
  return `<tr class="${rowClass(m)}"><th scope="row" title="${escapeHtml(m.metric.means)}">${escapeHtml(m.metric.id)}</th>${cells}<td class="verdict">${escapeHtml(verdictText(m))}</td></tr>`;
}

function policySection(p: PolicyComparison & { in: "both" }, level: number): string {
  const head = ["metric", "better", "A", "B", "change", "relative", "verdict"]
    .map((h) => `<th scope="col">${h}</th>`)
    .join("");
  return `<section>
<h${level}>${escapeHtml(p.policy)}</h${level}>
<table>
<thead><tr>${head}</tr></thead>
<tbody>
${p.metrics.map(row).join("\n")}
</tbody>
</table>
</section>`;
}

/** The notes and a table per policy, under headings of `level`: a page's body, or a part of one. */
export function comparisonBodyHtml(c: Comparison, level = 2): string {
  const paragraphs = [...oneSidedPolicies(c), tallyText(c), cannotJudgeNote(c)]
    .filter((t) => t !== undefined)
    .map((t) => `<p class="note">${escapeHtml(t)}</p>`)
    .join("\n");
  const sections = c.policies
    .filter((p): p is PolicyComparison & { in: "both" } => p.in === "both")
    .map((p) => policySection(p, level))
    .join("\n");
  return `${paragraphs}\n${sections}`;
}

/** The page around a body: its title, a line per source, the footer. */
export function comparisonPage(title: string, meta: readonly string[], body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>provisim comparison</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${meta.map(escapeHtml).join("<br>")}</p>
</header>
${body}
<footer><p class="note">Made by provisim. A figure is better or worse only when the 95% intervals of A and B do not overlap.</p></footer>
</body>
</html>
`;
}

export function comparisonHtml(c: Comparison): string {
  return comparisonPage(
    "B against A",
    [`A: ${sourceText(c.a)}`, `B: ${sourceText(c.b)}`],
    comparisonBodyHtml(c),
  );
}
