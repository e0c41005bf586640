/**
 * The web viewer in a real browser: `sim view` started on two runs made
 * here, the page opened in headless Chromium. It draws every chart with
 * data, with no console error and no request off 127.0.0.1; the comparison
 * shows both runs' figures as their summary.json has them; the function
 * filter changes what is shown to that function's figures; the CSV download
 * holds the rows shown. A screenshot of each view goes to
 * test/browser/artifacts/.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Papa from "papaparse";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sim, until } from "../support/cli.js";
import { ARTIFACTS, CHROMIUM, openBrowser } from "./chromium.js";
import type { PageGlobals } from "./page-dom.js";

const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser)
  console.warn(`viewer browser test skipped: no browser at ${CHROMIUM} (apt-get install chromium)`);

const tmp = mkdtempSync(join(tmpdir(), "provisim-viewer-"));
const SCENARIO = `name: viewer-small
duration: 10m
sla: { latency: 500ms }
workload:
  synth:
    rate: 4/s
    functions: 6
    zipf: 1
    cpu: { lognormal: { median: 40ms, p95: 200ms } }
    classes:
      - { name: interactive, share: 1, priority: 1, sla: 300ms }
      - { name: batch, share: 1 }
replications: 2
policies:
  - name: keepalive-10s
    policy: reactive
    config: { mode: faas, type: lambda-1769, keepAlive: 10s }
  - name: keepalive-2m
    policy: reactive
    config: { mode: faas, type: lambda-1769, keepAlive: 2m }
`;

interface Summary {
  replications: number;
  slaLatencyS: number;
  policies: {
    policy: string;
    requests: number;
    completed: number;
    costUsd: number;
    slaAttainment: number;
    coldStarts: number;
    meanInstances: number;
    latencyS: { p50: number; p99: number };
    ci95: { costUsd: number; slaAttainment: number } | null;
    byClass: Record<string, { requests: number; completed: number; slaAttainment: number }>;
  }[];
}

const runs = ["a", "b"].map((label) => ({ label, dir: join(tmp, label) }));
const summaryOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, "summary.json"), "utf8")) as Summary;

let viewer: ChildProcess;
let viewerErr = "";
let url = "";
let browser: Awaited<ReturnType<typeof openBrowser>>;

beforeAll(async () => {
  if (!hasBrowser) return;
  writeFileSync(join(tmp, "s.yaml"), SCENARIO);
  for (const [i, r] of runs.entries()) {
    const done = sim(
      "run",
      join(tmp, "s.yaml"),
      "--seed",
      String(i + 1),
      "--requests",
      "--out",
      r.dir,
    );
    expect(done.status, done.stderr).toBe(0);
  }
  viewer = spawn(process.execPath, ["bin/sim.js", "view", ...runs.map((r) => r.dir)], {
    cwd: new URL("../../", import.meta.url).pathname,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  viewer.stdout!.setEncoding("utf8").on("data", (s: string) => (out += s));
  viewer.stderr!.setEncoding("utf8").on("data", (s: string) => (viewerErr += s));
  await until(
    () => /http:\/\/127\.0\.0\.1:\d+\//.test(out) || viewer.exitCode !== null,
    "sim view's URL",
  );
  url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out)?.[0] ?? "";
  expect(url, viewerErr).not.toBe("");
  browser = await openBrowser();
  mkdirSync(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  if (viewer && viewer.exitCode === null) viewer.kill("SIGKILL");
  rmSync(tmp, { recursive: true, force: true });
});

/** Waits for the page's n-th drawing (data-render-count) and fails on a render error. */
async function drawn(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (count) => {
      const d = (globalThis as unknown as PageGlobals).document.documentElement.dataset;
      return (
        d.renderError !== undefined || (d.renderCount === String(count) && d.rendered !== undefined)
      );
    },
    n,
    { timeout: 30_000 },
  );
  expect(
    await page.evaluate(
      () => (globalThis as unknown as PageGlobals).document.documentElement.dataset.renderError,
    ),
  ).toBeUndefined();
}

/** Every chart: an SVG whose every mark group holds drawn items, lines and areas with a path. */
async function expectChartsDrawn(page: Page): Promise<string[]> {
  const charts = await page.evaluate(() =>
    [...(globalThis as unknown as PageGlobals).document.querySelectorAll(".chart")].map((c) => {
      const svg = c.querySelector("svg");
      const groups = svg ? [...svg.querySelectorAll("g.role-mark")] : [];
      const paths = svg ? [...svg.querySelectorAll("g.mark-line path, g.mark-area path")] : [];
      return {
        id: c.getAttribute("id") ?? "",
        svg: svg !== null,
        groups: groups.length,
        empty: groups.filter((g) => g.childElementCount === 0).map((g) => g.getAttribute("class")),
        items: groups.reduce((a, g) => a + g.childElementCount, 0),
        blankPaths: paths.filter((p) => (p.getAttribute("d") ?? "").length < 10).length,
      };
    }),
  );
  for (const c of charts) {
    expect(c.svg, c.id).toBe(true);
    expect(c.groups, c.id).toBeGreaterThan(0);
    expect(c.empty, c.id).toEqual([]);
    expect(c.items, c.id).toBeGreaterThanOrEqual(4);
    expect(c.blankPaths, c.id).toBe(0);
  }
  return charts.map((c) => c.id);
}

type Cells = Record<string, string | undefined>;

/** The comparison table as the page shows it: a row per run and policy, each figure's data-value. */
function tableRows(page: Page) {
  return page.evaluate(() =>
    [
      ...(globalThis as unknown as PageGlobals).document.querySelectorAll("#comparison tbody tr"),
    ].map((tr) => {
      const cells: Cells = {};
      for (const td of tr.querySelectorAll("td[data-column]"))
        cells[td.getAttribute("data-column")!] = td.getAttribute("data-value") ?? undefined;
      return { run: tr.getAttribute("data-run"), policy: tr.getAttribute("data-policy"), cells };
    }),
  );
}

async function downloadedCsv(page: Page, button: string): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(button)]);
  const path = join(tmp, download.suggestedFilename());
  await download.saveAs(path);
  return Papa.parse<Record<string, string>>(readFileSync(path, "utf8"), {
    header: true,
    skipEmptyLines: true,
  }).data;
}

function expectCsvIsTable(
  csv: Record<string, string>[],
  rows: Awaited<ReturnType<typeof tableRows>>,
) {
  expect(csv.map((r) => [r.run, r.policy])).toEqual(rows.map((r) => [r.run, r.policy]));
  for (const [i, row] of rows.entries())
    for (const [column, value] of Object.entries(row.cells)) {
      const cell = csv[i]![column];
      if (value === undefined) expect(cell, column).toBe("");
      else expect(Number(cell), column).toBeCloseTo(Number(value), 6);
    }
}

describe.skipIf(!hasBrowser)("sim view in a browser", () => {
  test("shows both runs, filters by function, downloads what is shown", async () => {
    const page = await browser.context.newPage();
    const problems: string[] = [];
    const offHost: string[] = [];
    const host = new URL(url).host;
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      const u = new URL(r.url());
      if (u.protocol !== "data:" && u.protocol !== "blob:" && u.host !== host)
        offHost.push(r.url());
    });
    await page.route("**/*", (route) =>
      new URL(route.request().url()).host === host ? route.continue() : route.abort(),
    );

    await page.goto(url);
    await drawn(page, 1);
    expect(await page.locator("#status").isHidden()).toBe(true);
    const charts = await expectChartsDrawn(page);
    expect(charts).toEqual([
      "chart-cost-vs-sla",
      "chart-latency-cdf",
      "chart-instances-over-time",
      "chart-cold-starts",
    ]);

    // Both runs' figures, as each summary.json has them.
    const rows = await tableRows(page);
    expect(rows.length).toBe(4);
    for (const r of runs) {
      const summary = summaryOf(r.dir);
      for (const p of summary.policies) {
        const row = rows.find((x) => x.run === r.label && x.policy === p.policy);
        expect(row, `${r.label} ${p.policy}`).toBeDefined();
        const c = row!.cells;
        expect(Number(c.costUsd)).toBe(p.costUsd);
        expect(Number(c.slaAttainment)).toBe(p.slaAttainment);
        expect(Number(c.requests)).toBe(p.requests);
        expect(Number(c.latencyP99S)).toBe(p.latencyS.p99);
        expect(Number(c.coldStarts)).toBe(p.coldStarts);
        expect(Number(c.meanInstances)).toBe(p.meanInstances);
        const text = await page
          .locator(
            `#comparison tr[data-run="${r.label}"][data-policy="${p.policy}"] td[data-column="costUsd"]`,
          )
          .innerText();
        expect(text).toContain(`$${p.costUsd.toFixed(4)}`);
        if (p.ci95) expect(text).toContain(`± $${p.ci95.costUsd.toFixed(4)}`);
      }
    }
    expectCsvIsTable(await downloadedCsv(page, "#download-comparison"), rows);
    for (const view of await page.locator("section.view").all())
      await view.screenshot({
        path: join(ARTIFACTS, `viewer-${await view.getAttribute("id")}.png`),
      });

    // One function: its figures from requests.csv, as computed here from the same file.
    const choices = await page
      .locator("#function-filter option")
      .evaluateAll((os) => os.map((o) => o.getAttribute("value") ?? ""));
    const fn = choices[2]!;
    expect(fn).not.toBe("");
    const before = await page.locator("#chart-latency-cdf").innerHTML();
    await page.selectOption("#function-filter", fn);
    await drawn(page, 2);
    await expectChartsDrawn(page);
    expect(await page.locator("#view-compare h2").innerText()).toContain(`function ${fn}`);
    expect(await page.locator("#chart-latency-cdf").innerHTML()).not.toBe(before);
    const filtered = await tableRows(page);
    expect(filtered.length).toBe(4);
    for (const r of runs) {
      const summary = summaryOf(r.dir);
      const requests = Papa.parse<Record<string, string>>(
        readFileSync(join(r.dir, "requests.csv"), "utf8"),
        { header: true, skipEmptyLines: true },
      ).data;
      for (const p of summary.policies) {
        const mine = requests.filter((q) => q.policy === p.policy && q.function_id === fn);
        const completed = mine.filter((q) => q.outcome === "completed");
        const within = completed.filter(
          (q) => Number(q.end_s) - Number(q.arrival_s) <= summary.slaLatencyS,
        );
        const c = filtered.find((x) => x.run === r.label && x.policy === p.policy)!.cells;
        expect(Number(c.requests)).toBeCloseTo(mine.length / summary.replications, 9);
        expect(Number(c.requests)).toBeLessThan(p.requests);
        expect(Number(c.completed)).toBeCloseTo(completed.length / summary.replications, 9);
        expect(Number(c.slaAttainment)).toBeCloseTo(within.length / mine.length, 9);
        expect(c.costUsd).toBeUndefined();
      }
    }
    expectCsvIsTable(await downloadedCsv(page, "#download-comparison"), filtered);
    // A chart's download holds the points it draws: here the cold starts of the one function.
    const cold = await downloadedCsv(page, "#download-cold-starts");
    expect(cold.some((r) => Number(r.coldStarts) > 0)).toBe(true);
    expect(new Set(cold.map((r) => r.policy))).toEqual(
      new Set(
        runs.flatMap((r) => summaryOf(r.dir).policies.map((p) => `${r.label} · ${p.policy}`)),
      ),
    );
    await page.screenshot({ path: join(ARTIFACTS, `viewer-function-${fn}.png`), fullPage: true });

    // One SLA class: the summaries' byClass figures; the function filter is reset.
    expect(
      await page.locator("#class-filter option").evaluateAll((os) => os.map((o) => o.textContent)),
    ).toEqual(["all classes", "batch", "interactive"]);
    await page.selectOption("#class-filter", "interactive");
    await drawn(page, 3);
    await expectChartsDrawn(page);
    expect(await page.locator("#function-filter").inputValue()).toBe("");
    expect(await page.locator("#view-compare h2").innerText()).toContain("SLA class interactive");
    const byClass = await tableRows(page);
    for (const r of runs)
      for (const p of summaryOf(r.dir).policies) {
        const c = byClass.find((x) => x.run === r.label && x.policy === p.policy)!.cells;
        const want = p.byClass.interactive!;
        expect(Number(c.requests)).toBe(want.requests);
        expect(Number(c.completed)).toBe(want.completed);
        expect(Number(c.slaAttainment)).toBe(want.slaAttainment);
        expect(c.costUsd).toBeUndefined();
      }
    expectCsvIsTable(await downloadedCsv(page, "#download-comparison"), byClass);

    expect(offHost).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();

    // Ctrl-C stops it cleanly.
    const exited = new Promise<number | null>((resolve) =>
      viewer.on("close", (code) => resolve(code)),
    );
    viewer.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(viewerErr).toMatch(/stopped \(SIGINT\)/);
  });
});
