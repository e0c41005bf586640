/**
 * report.html in a real browser: written from a pipeline run, opened from
 * file:// in headless Chromium, it renders every chart with data, with no
 * console error and no request but its own file. A screenshot is left in
 * test/browser/artifacts/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { htmlReport, reportCharts } from "../../reports/html/report.js";
import { readVegaScripts } from "../../reports/html/vega-scripts.js";
import { reportInput } from "../reports/html-run.js";
import { ARTIFACTS, openBrowser } from "./chromium.js";
import type { PageGlobals } from "./page-dom.js";

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

test("report.html opens offline from file:// and draws every chart with data", async () => {
  const input = await reportInput(readVegaScripts(), { replications: 2, duration: "15m" });
  const charts = reportCharts(input);
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, "report.html");
  writeFileSync(file, htmlReport(input));
  const url = pathToFileURL(file).href;

  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  // Anything but the page itself is refused and recorded.
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });
  page.on("request", (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith("data:") && !u.startsWith("blob:") && !requests.includes(u))
      requests.push(u);
  });

  await page.goto(url);
  await page.waitForFunction(
    () =>
      (globalThis as unknown as PageGlobals).document.documentElement.dataset.rendered ??
      (globalThis as unknown as PageGlobals).document.documentElement.dataset.renderError,
    undefined,
    { timeout: 15_000 },
  );
  expect(
    await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.renderError,
    ),
  ).toBeUndefined();
  expect(
    await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.rendered,
    ),
  ).toBe(String(charts.length));

  // Each chart: an SVG whose every mark group holds drawn items, lines and areas with a path.
  for (const c of charts) {
    const drawn = await page.evaluate((id) => {
      const svg = (globalThis as unknown as PageGlobals).document.querySelector(`#chart-${id} svg`);
      if (!svg) return null;
      const groups = [...svg.querySelectorAll("g.role-mark")];
      const paths = [...svg.querySelectorAll("g.mark-line path, g.mark-area path")];
      return {
        groups: groups.length,
        empty: groups.filter((g) => g.childElementCount === 0).map((g) => g.getAttribute("class")),
        items: groups.reduce((a, g) => a + g.childElementCount, 0),
        blankPaths: paths.filter((p) => (p.getAttribute("d") ?? "").length < 10).length,
      };
    }, c.id);
    expect(drawn, c.id).not.toBeNull();
    expect(drawn!.groups, c.id).toBeGreaterThan(0);
    expect(drawn!.empty, c.id).toEqual([]);
    expect(drawn!.items, c.id).toBeGreaterThanOrEqual(input.report.policies.length);
    expect(drawn!.blankPaths, c.id).toBe(0);
  }

  // A point's tooltip names its policy and cost.
  await page.locator("#chart-cost-vs-sla g.mark-symbol path").first().hover();
  const tooltip = page.locator("#vg-tooltip-element");
  await expect.poll(() => tooltip.getAttribute("class"), { timeout: 5_000 }).toMatch(/visible/);
  const tip = await tooltip.innerText();
  expect(tip).toMatch(/cost \(USD\)/);
  expect(input.report.policies.some((p) => tip.includes(p.policy))).toBe(true);
  await page.mouse.move(0, 0);

  await page.screenshot({ path: join(ARTIFACTS, "report-html.png"), fullPage: true });
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});
