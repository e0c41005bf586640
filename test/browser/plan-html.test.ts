/**
 * plan.html in a real browser: the page of a plan opens offline from
 * file://, draws a chart per SLA criterion with a point per candidate, and
 * makes no request and no console error. A screenshot is left in
 * test/browser/artifacts/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readVegaScripts } from "../../reports/html/vega-scripts.js";
import { planHtml } from "../../reports/plan/plan-html.js";
import { planPipeline } from "../../sim/run/plan/plan-pipeline.js";
import { mmcPlanYaml, scenarioFile } from "../support/plan-scenario.js";
import { ARTIFACTS, openBrowser } from "./chromium.js";
import type { PageGlobals } from "./page-dom.js";

let browser: Awaited<ReturnType<typeof openBrowser>>;
beforeAll(async () => {
  browser = await openBrowser();
});
afterAll(async () => {
  await browser?.close();
});

// Functions run inside the page: each names the page's globals itself.

test("plan.html opens offline and charts every criterion against cost", async () => {
  const yaml = mmcPlanYaml({
    lambda: 10,
    meanServiceS: 0.2,
    targetWaitS: 0.008,
    instances: [3, 6],
  });
  const { report } = await planPipeline({ file: scenarioFile(yaml) });
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, "plan.html");
  writeFileSync(file, planHtml(report, readVegaScripts()));
  const url = pathToFileURL(file).href;

  const page = await browser.context.newPage();
  const problems: string[] = [];
  const requests: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  await page.route("**/*", (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    requests.push(u);
    return route.abort();
  });

  await page.goto(url);
  await page.waitForFunction(
    () => {
      const d = (globalThis as unknown as PageGlobals).document.documentElement.dataset;
      return d.rendered ?? d.renderError;
    },
    undefined,
    { timeout: 15_000 },
  );
  const rendered = await page.evaluate(() => {
    const d = (globalThis as unknown as PageGlobals).document.documentElement.dataset;
    return { error: d.renderError, charts: d.rendered };
  });
  expect(rendered).toEqual({ error: undefined, charts: String(report.criteria.length) });
  for (let k = 0; k < report.criteria.length; k++) {
    const points = await page.evaluate((id) => {
      const svg = (globalThis as unknown as PageGlobals).document.querySelector(`#chart-${id} svg`);
      const symbols = svg?.querySelector("g.mark-symbol");
      return symbols ? symbols.childElementCount : null;
    }, `criterion-${k}`);
    expect(points).toBe(report.candidates.length);
  }
  await page.screenshot({ path: join(ARTIFACTS, "plan-html.png"), fullPage: true });
  expect(requests).toEqual([]);
  expect(problems).toEqual([]);
  await page.close();
});
