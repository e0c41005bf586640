/**
 * Draws every view for a filter: the comparison (table and cost against
 * SLA), then a view per other chart, each with a CSV download of what it
 * shows. When all are drawn, the root element's data-rendered says how many
 * charts, data-render-count how many times the page has been drawn and
 * data-rendered-ms when (since navigation began), for tests and benchmarks.
 */
import embed, { type Result } from "vega-embed";
import { chartDataCsv, downloadCsv } from "./csv-download.js";
import { comparisonRows } from "./comparison.js";
import { comparisonTable } from "./comparison-table.js";
import { viewCharts, type ViewChart } from "./charts.js";
import { describeFilter, type Filter } from "./filter.js";
import { toCsv } from "../../reports/csv.js";
import type { LoadedRun } from "./run-data.js";
import { CSV_COLUMNS } from "./table-columns.js";

let shown: Result[] = [];
let renders = 0;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string) {
  const el = document.createElement(tag);
  if (text !== undefined) el.textContent = text;
  if (cls !== undefined) el.className = cls;
  return el;
}

function downloadButton(id: string, fileName: string, csv: () => string): HTMLButtonElement {
  const b = element("button", "Download CSV");
  b.type = "button";
  b.id = id;
  b.addEventListener("click", () => downloadCsv(fileName, csv()));
  return b;
}

function chartBlock(c: ViewChart, suffix: string): { block: HTMLElement; target: HTMLElement } {
  const block = element("div", undefined, "chart-block");
  const target = element("div", undefined, "chart");
  target.id = `chart-${c.id}`;
  block.append(
    element("p", `${c.caption} ${c.scope}`, "caption"),
    target,
    downloadButton(`download-${c.id}`, `${c.id}${suffix}.csv`, () => chartDataCsv(c.spec)),
  );
  return { block, target };
}

function section(id: string, title: string): HTMLElement {
  const s = element("section", undefined, "view");
  s.id = `view-${id}`;
  s.append(element("h2", title));
  return s;
}

/** A link to each view drawn. */
function fillNav(views: readonly HTMLElement[]): void {
  document.getElementById("nav")!.replaceChildren(
    ...views.map((v) => {
      const a = element("a", v.querySelector("h2")!.textContent!.replace(/:.*/, ""));
      a.href = `#${v.id}`;
      return a;
    }),
  );
}

export async function renderViews(runs: readonly LoadedRun[], filter: Filter): Promise<void> {
  const root = document.documentElement;
  delete root.dataset.rendered;
  for (const r of shown) r.finalize();
  shown = [];
  const main = document.getElementById("views")!;
  main.replaceChildren();
  const suffix =
    filter.kind === "function"
      ? `-function-${filter.functionId}`
      : filter.kind === "class"
        ? `-class-${filter.slaClass}`
        : "";
  const rows = comparisonRows(runs, filter);
  const compare = section("compare", `Comparison: ${describeFilter(filter)}`);
  compare.append(
    element(
      "p",
      filter.kind === "function"
        ? "Figures from requests.csv for this function: counts are means per replication, latencies of all replications pooled, SLA attainment against the scenario's SLA latency (requests.csv does not give a request's class). Cost and instances are not split by function (–)."
        : filter.kind === "class"
          ? "The summary's figures for this SLA class, with attainment against the class's own latency objective."
          : "Each run's summary.json: means over replications, ± the 95% interval where there are replications.",
      "caption",
    ),
    comparisonTable(rows),
    downloadButton("download-comparison", `comparison${suffix}.csv`, () =>
      toCsv(rows, CSV_COLUMNS),
    ),
  );
  main.append(compare);
  const charts = viewCharts(runs, filter);
  const targets: [HTMLElement, ViewChart][] = [];
  for (const c of charts) {
    const { block, target } = chartBlock(c, suffix);
    if (c.id === "cost-vs-sla") compare.append(element("h3", c.title), block);
    else {
      const s = section(c.id, c.title);
      s.append(block);
      main.append(s);
    }
    targets.push([target, c]);
  }
  fillNav([...main.querySelectorAll<HTMLElement>("section.view")]);
  shown = await Promise.all(
    targets.map(([target, c]) =>
      embed(target, c.spec as never, { mode: "vega-lite", renderer: "svg", actions: false }),
    ),
  );
  root.dataset.renderedMs = String(Math.round(performance.now()));
  root.dataset.rendered = String(shown.length);
  root.dataset.renderCount = String(++renders);
}
