/**
 * plan.html: the result of `sim plan` as one self-contained page, built
 * like report.html (the same style, security policy and inlined chart
 * libraries): the outcome, every candidate in a table, and for each SLA
 * criterion a chart of the candidates' 95% intervals against the limit.
 */
import { escapeHtml, jsonForScript, scriptText } from "../html/escape.js";
import type { ChartSection, VegaScripts } from "../html/input.js";
import { BOOT, CSP, STYLE } from "../html/report.js";
import { fmtDuration } from "../text-format.js";
import type { PlanCriterion, PlanReport } from "./plan-report.js";
import {
  costText,
  criterionText,
  figureText,
  listedCandidates,
  metricName,
  outcomeText,
  roleOf,
} from "./plan-words.js";

const VERDICT_COLORS = {
  domain: ["meets", "misses", "undecided"],
  range: ["#2e7d32", "#c62828", "#f0b400"],
};

/** Cost against one criterion's figure, a point and two interval rules per candidate. */
function criterionChart(r: PlanReport, k: number, c: PlanCriterion): ChartSection {
  const values = r.candidates.flatMap((cand) => {
    const m = cand.criteria[k]!;
    if (m.mean === null || cand.costUsd.mean === null) return [];
    const h = m.halfWidth ?? 0;
    const hc = cand.costUsd.halfWidth ?? 0;
    return [
      {
        candidate: cand.label,
        verdict: m.verdict,
        value: m.mean,
        lo: m.mean - h,
        hi: m.mean + h,
        cost: cand.costUsd.mean,
        costLo: cand.costUsd.mean - hc,
        costHi: cand.costUsd.mean + hc,
      },
    ];
  });
  const share = c.metric === "attainment" || c.metric === "coldStartRatio";
  const format = share ? ".2%" : ",.4~f";
  const unit = share ? "" : " (s)";
  const x = {
    field: "cost",
    type: "quantitative",
    title: "cost (USD)",
    axis: { format: "$,.4~f" },
    scale: { zero: false, padding: 16 },
  };
  const y = {
    field: "value",
    type: "quantitative",
    title: `${metricName(c.metric)}${unit}`,
    axis: { format },
    scale: { zero: false, padding: 16 },
  };
  const color = {
    field: "verdict",
    type: "nominal",
    title: "this criterion",
    scale: VERDICT_COLORS,
  };
  return {
    id: `criterion-${k}`,
    title: `${metricName(c.metric)} against cost`,
    caption: `A point per candidate, with its 95% intervals, coloured by its verdict on this criterion; the line is the limit (${criterionText(c, r.slaLatencyS)}). A candidate meets the criterion when its whole interval is on the good side, and the SLA when it meets every criterion.`,
    spec: {
      $schema: "https://vega.github.io/schema/vega-lite/v6.json",
      width: 640,
      height: 320,
      layer: [
        {
          data: { values },
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: { x, y: { ...y, field: "lo" }, y2: { field: "hi" }, color },
        },
        {
          data: { values },
          mark: { type: "rule", strokeWidth: 1.5 },
          encoding: { x: { ...x, field: "costLo" }, x2: { field: "costHi" }, y, color },
        },
        {
          data: { values },
          mark: { type: "point", filled: true, size: 70 },
          encoding: {
            x,
            y,
            color,
            tooltip: [
              { field: "candidate" },
              { field: "cost", title: "cost (USD)", format: "$,.4f" },
              { field: "value", title: metricName(c.metric), format },
              { field: "lo", title: "95% low", format },
              { field: "hi", title: "95% high", format },
              { field: "verdict", title: "this criterion" },
            ],
          },
        },
        {
          data: { values: [{ limit: c.limit }] },
          mark: { type: "rule", color: "#555", strokeDash: [4, 3] },
          encoding: { y: { field: "limit", type: "quantitative" } },
        },
      ],
    },
  };
}

function candidatesTable(r: PlanReport): string {
  const head = ["candidate", "runs", "cost (USD)", ...r.criteria.map((c) => metricName(c.metric))]
    .concat(["SLA", ""])
    .map((h) => `<th scope="col">${escapeHtml(h)}</th>`)
    .join("");
  const rows = listedCandidates(r)
    .map((c) => {
      const cells = [
        String(c.replications),
        costText(c.costUsd),
        ...c.criteria.map((k) => figureText(k.metric, k)),
        c.status,
        roleOf(r, c),
      ];
      return `<tr><th scope="row">${escapeHtml(c.label)}</th>${cells.map((x) => `<td>${escapeHtml(x)}</td>`).join("")}</tr>`;
    })
    .join("\n");
  return `<table>\n<caption>Every candidate, winner first, then by mean cost; ± 95% confidence half-width</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

export function planHtml(r: PlanReport, scripts: VegaScripts): string {
  const charts = r.criteria.map((c, k) => criterionChart(r, k, c));
  const meta = [
    `policy ${r.policy}`,
    `${r.candidates.length} candidates`,
    `${fmtDuration(r.horizonS)} simulated per run`,
    `seed ${r.seed}`,
    `${r.runsSpent} runs of a budget of ${r.budget}`,
    `${r.replications.initial} to ${r.replications.max} replications per candidate`,
  ].join(" · ");
  const sla = r.criteria
    .map((c) => `<li>${escapeHtml(criterionText(c, r.slaLatencyS))}</li>`)
    .join("");
  const sections = charts
    .map(
      (c) =>
        `<section>\n<h2>${escapeHtml(c.title)}</h2>\n<p class="caption">${escapeHtml(c.caption)}</p>\n<div class="chart" id="chart-${c.id}"></div>\n</section>`,
    )
    .join("\n");
  const v = scripts.versions;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${r.scenario}: provisim plan`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(r.scenario)}: plan</h1>
${r.description ? `<p>${escapeHtml(r.description)}</p>\n` : ""}<p class="meta">${escapeHtml(meta)}</p>
</header>
<section>
<h2>Result</h2>
<p${r.outcome === "found" ? "" : ' class="note"'}>${escapeHtml(outcomeText(r))}</p>
<p>The SLA, each criterion with 95% confidence:</p>
<ul>${sla}</ul>
${candidatesTable(r)}
</section>
${sections}
<footer><p>Made by provisim; charts by Vega ${escapeHtml(v.vega)}, Vega-Lite ${escapeHtml(v.vegaLite)} and vega-embed ${escapeHtml(v.vegaEmbed)}, inlined in this file.</p></footer>
<script type="application/json" id="report-charts">${jsonForScript(charts.map((c) => ({ id: c.id, spec: c.spec })))}</script>
<script>${scriptText(scripts.vega)}</script>
<script>${scriptText(scripts.vegaLite)}</script>
<script>${scriptText(scripts.vegaEmbed)}</script>
<script>${BOOT}</script>
</body>
</html>
`;
}
