/** The golden comparison as text, JSON and a page: each scenario's comparison, then the tally. */
import { escapeHtml } from "../html/escape.js";
import { comparisonBodyHtml, comparisonPage } from "./compare-html.js";
import { comparisonJsonValue } from "./compare-json.js";
import { comparisonTable } from "./compare-text.js";
import { tallyText } from "./compare-words.js";
import type { GoldenComparison } from "./compare-goldens.js";

const SIDE = { a: "A", b: "B" } as const;

function heading(g: GoldenComparison): string[] {
  return [`A: goldens at ${g.a}`, `B: goldens ${g.b === "the working tree" ? "in" : "at"} ${g.b}`];
}

function oneSided(g: GoldenComparison): string[] {
  return g.scenarios.flatMap((s) =>
    s.in === "both" ? [] : [`${s.scenario}: only in ${SIDE[s.in]} (${s.path})`],
  );
}

export function goldenComparisonTable(g: GoldenComparison): string {
  const parts = [heading(g).join("\n") + "\n"];
  for (const s of g.scenarios)
    if (s.in === "both") parts.push(`== ${s.scenario} ==\n${comparisonTable(s.comparison)}`);
  const lines = oneSided(g);
  lines.push(tallyText({ verdicts: g.verdicts }).replace("B against A", "Over every scenario"));
  parts.push(lines.join("\n") + "\n");
  return parts.join("\n");
}

export function goldenComparisonJson(g: GoldenComparison): string {
  const out = {
    a: g.a,
    b: g.b,
    scenarios: g.scenarios.map((s) =>
      s.in === "both"
        ? { scenario: s.scenario, in: s.in, ...comparisonJsonValue(s.comparison) }
        : { scenario: s.scenario, in: s.in, path: s.path },
    ),
    verdicts: g.verdicts,
  };
  return JSON.stringify(out, null, 2) + "\n";
}

export function goldenComparisonHtml(g: GoldenComparison): string {
  const body = g.scenarios
    .filter((s) => s.in === "both")
    .map(
      (s) =>
        `<article>\n<h2>${escapeHtml(s.scenario)}</h2>\n${comparisonBodyHtml(s.comparison, 3)}\n</article>`,
    )
    .join("\n");
  const notes = [
    ...oneSided(g),
    tallyText({ verdicts: g.verdicts }).replace("B against A", "Over every scenario"),
  ]
    .map((t) => `<p class="note">${escapeHtml(t)}</p>`)
    .join("\n");
  return comparisonPage("Goldens: B against A", heading(g), `${notes}\n${body}`);
}
