/**
 * The comparison table as DOM. Each figure cell carries its exact value in
 * data-value (and its interval in data-ci95), so what the page shows can be
 * read back without parsing formatted text.
 */
import type { ComparisonRow } from "./comparison.js";
import { FIGURE_COLUMNS } from "./table-columns.js";

function cell(tag: "th" | "td", text: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

export function comparisonTable(rows: readonly ComparisonRow[]): HTMLTableElement {
  const table = document.createElement("table");
  table.id = "comparison";
  const head = table.createTHead().insertRow();
  for (const h of ["run", "policy", ...FIGURE_COLUMNS.map((c) => c.header)]) {
    const th = cell("th", h);
    th.setAttribute("scope", "col");
    head.append(th);
  }
  const body = table.createTBody();
  for (const r of rows) {
    const tr = body.insertRow();
    tr.dataset.run = r.run;
    tr.dataset.policy = r.policy;
    const run = cell("th", r.run);
    run.setAttribute("scope", "row");
    tr.append(run, cell("td", r.policy));
    for (const c of FIGURE_COLUMNS) {
      const value = r[c.key];
      const ci = c.ci95 ? r[c.ci95] : null;
      const td = cell("td", value === null ? "–" : c.format(value));
      td.dataset.column = c.key;
      if (value !== null) td.dataset.value = String(value);
      if (value !== null && ci !== null) {
        td.dataset.ci95 = String(ci);
        const span = document.createElement("span");
        span.className = "ci";
        span.textContent = ` ± ${c.format(ci)}`;
        td.append(span);
      }
      tr.append(td);
    }
  }
  return table;
}
