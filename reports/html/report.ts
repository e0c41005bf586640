/**
 * report.html: one self-contained page of a run. The chart libraries and
 * every chart's data are inlined, and a Content-Security-Policy forbids any
 * request, so it opens offline from file://. The data is aggregated (per
 * policy, per sample, per latency bin), never a row per request, so the
 * page's size does not grow with the request count.
 */
import { fmtDuration, secs } from "../text-format.js";
import { classAttainmentChart } from "./charts/class-attainment.js";
import { coldStartsChart } from "./charts/cold-starts.js";
import { costByTypeChart } from "./charts/cost-by-type.js";
import { costVsSlaChart } from "./charts/cost-vs-sla.js";
import { idleCostChart } from "./charts/idle-cost.js";
import { instancesOverTimeChart } from "./charts/instances-over-time.js";
import { latencyCdfChart } from "./charts/latency-cdf.js";
import { escapeHtml, jsonForScript, scriptText } from "./escape.js";
import type { ChartSection, HtmlReportInput } from "./input.js";
import { costByTypeTableHtml, summaryTableHtml } from "./tables.js";

export type { HtmlReportInput } from "./input.js";

/** The charts of a run, in page order. */
export function reportCharts(input: HtmlReportInput): ChartSection[] {
  const { report, timeseries, requests } = input;
  const names = report.policies.map((p) => p.policy);
  const charts: (ChartSection | null)[] = [
    costVsSlaChart(report.policies),
    latencyCdfChart(report.policies, report.slaLatencyS, requests),
    classAttainmentChart(report.policies),
    instancesOverTimeChart(timeseries, report.horizonS),
    costByTypeChart(report.policies),
    idleCostChart(report.policies),
    requests ? coldStartsChart(names, requests, report.horizonS, report.replications) : null,
  ];
  return charts.filter((c): c is ChartSection => c !== null);
}

/** What the run's data lacks for a chart the page would otherwise show. */
function notes(input: HtmlReportInput): string[] {
  const out: string[] = [];
  if (!input.requests)
    out.push(
      "Cold starts over time are not shown: this run's data has no per-request digest, only the total per policy (in the table).",
    );
  if (input.timeseries.length === 0)
    out.push("Instances over time are not shown: this run recorded no time-series samples.");
  return out;
}

export const CSP = [
  "default-src 'none'",
  // Vega compiles its expressions with Function(): that needs unsafe-eval.
  "script-src 'unsafe-inline' 'unsafe-eval'",
  "style-src 'unsafe-inline'",
  "img-src data: blob:",
].join("; ");

export const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; }
h1 { font-size: 1.5rem; margin-bottom: .2rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .3rem; }
.meta, .caption, footer { color: #555; }
.caption { margin: 0 0 .6rem; max-width: 52rem; }
table { border-collapse: collapse; margin: .6rem 0 1.4rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; color: #555; padding-bottom: .3rem; }
th, td { padding: .25rem .7rem; border-bottom: 1px solid #ddd; }
td { text-align: right; white-space: nowrap; }
th[scope=row] { text-align: left; font-weight: normal; }
thead th { text-align: right; border-bottom: 2px solid #999; }
.ci { color: #777; font-size: .9em; }
.note { background: #fff8e1; border-left: 3px solid #f0b400; padding: .4rem .8rem; }
`;

/**
 * Renders every chart; the root element's data-rendered then says how many
 * and data-rendered-ms when (since navigation began), for tests and benchmarks.
 */
export const BOOT = `
(function () {
  var charts = JSON.parse(document.getElementById("report-charts").textContent);
  var options = {
    mode: "vega-lite",
    renderer: "svg",
    actions: { export: true, source: false, compiled: false, editor: false },
  };
  Promise.all(charts.map(function (c) { return vegaEmbed("#chart-" + c.id, c.spec, options); })).then(
    function (views) {
      var root = document.documentElement;
      root.setAttribute("data-rendered-ms", String(Math.round(performance.now())));
      root.setAttribute("data-rendered", String(views.length));
    },
    function (error) {
      document.documentElement.setAttribute("data-render-error", String(error));
      console.error(error);
    }
  );
})();
`;

export function htmlReport(input: HtmlReportInput): string {
  const { report, scripts } = input;
  const charts = reportCharts(input);
  const title = `${report.scenario}: provisim run report`;
  const meta = [
    `${fmtDuration(report.horizonS)} simulated`,
    `SLA latency ${secs(report.slaLatencyS)}`,
    `seed ${report.seed}`,
    report.replications > 1 ? `${report.replications} replications` : "1 replication",
    `${report.policies.length} ${report.policies.length === 1 ? "policy" : "policies"}`,
  ].join(" · ");
  const sections = charts
    .map(
      (c) =>
        `<section>\n<h2>${escapeHtml(c.title)}</h2>\n<p class="caption">${escapeHtml(c.caption)}</p>\n<div class="chart" id="chart-${c.id}"></div>\n</section>`,
    )
    .join("\n");
  const noteHtml = notes(input)
    .map((n) => `<p class="note">${escapeHtml(n)}</p>`)
    .join("\n");
  const v = scripts.versions;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.scenario)}</h1>
${report.description ? `<p>${escapeHtml(report.description)}</p>\n` : ""}<p class="meta">${escapeHtml(meta)}</p>
</header>
<section>
<h2>Summary</h2>
${summaryTableHtml(report)}
${costByTypeTableHtml(report)}
</section>
${sections}
${noteHtml}
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
