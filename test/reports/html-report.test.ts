import * as vega from "vega";
import { compile } from "vega-lite";
import { beforeAll, describe, expect, test } from "vitest";
import { htmlReport, reportCharts } from "../../reports/html/report.js";
import type { HtmlReportInput, VlSpec } from "../../reports/html/input.js";
import { readVegaScripts } from "../../reports/html/vega-scripts.js";
import { FAKE_SCRIPTS, reportInput } from "./html-run.js";

/**
 * Compiles a spec, failing on any warning, and renders it headless: the SVG,
 * the items drawn per mark type (a point, a bar, a line's vertex) and the
 * marks with items per type (a line or an area per series).
 */
async function render(
  spec: VlSpec,
): Promise<{ svg: string; items: Map<string, number>; series: Map<string, number> }> {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...m: unknown[]) => (warnings.push(m.join(" ")), logger),
    info: () => logger,
    debug: () => logger,
    error: (...m: unknown[]) => {
      throw new Error(m.join(" "));
    },
  };
  const { spec: compiled } = compile(spec as never, { logger: logger as never });
  expect(warnings).toEqual([]);
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  await view.runAsync();
  const items = new Map<string, number>();
  const series = new Map<string, number>();
  const walk = (scene: { marktype?: string; role?: string; items?: unknown[] }) => {
    const n = scene.items?.length ?? 0;
    if (scene.marktype && scene.role === "mark") {
      items.set(scene.marktype, (items.get(scene.marktype) ?? 0) + n);
      if (n > 0) series.set(scene.marktype, (series.get(scene.marktype) ?? 0) + 1);
    }
    for (const it of scene.items ?? []) {
      const item = it as { items?: unknown[] };
      for (const child of item.items ?? []) walk(child as never);
    }
  };
  walk((view.scenegraph() as unknown as { root: never }).root);
  const svg = await view.toSVG();
  view.finalize();
  return { svg, items, series };
}

type SceneNode = { marktype?: string; name?: string; items?: SceneItem[] };
type SceneItem = { datum?: Record<string, unknown>; x?: number; y?: number; items?: SceneNode[] };

/**
 * Facet cells drawn away from their headers: a cell's policy must be the
 * row header level with it, and its type the column header above it.
 */
async function cellsOffTheirHeaders(spec: VlSpec): Promise<string[]> {
  const view = new vega.View(vega.parse(compile(spec as never).spec), { renderer: "none" });
  await view.runAsync();
  const groups = new Map<string, SceneItem[]>();
  const walk = (scene: SceneNode) => {
    if (scene.name)
      groups.set(scene.name, [...(groups.get(scene.name) ?? []), ...(scene.items ?? [])]);
    for (const item of scene.items ?? []) for (const child of item.items ?? []) walk(child);
  };
  walk((view.scenegraph() as unknown as { root: SceneNode }).root);
  view.finalize();
  const rowY = new Map((groups.get("row_header") ?? []).map((i) => [i.datum!.policy, i.y]));
  const columnX = new Map((groups.get("column_header") ?? []).map((i) => [i.datum!.type, i.x]));
  const cells = groups.get("cell") ?? [];
  expect(cells.length).toBeGreaterThan(1);
  return cells
    .filter(
      (c) =>
        c.y !== rowY.get(c.datum!.policy) ||
        (columnX.size > 0 && c.x !== columnX.get(c.datum!.type)),
    )
    .map((c) => `${String(c.datum!.policy)} / ${String(c.datum!.type)}`);
}

let one: HtmlReportInput;
let three: HtmlReportInput;
beforeAll(async () => {
  one = await reportInput(FAKE_SCRIPTS);
  three = await reportInput(FAKE_SCRIPTS, { replications: 3, duration: "10m" });
});

describe("report charts", () => {
  test("every chart compiles without a warning and draws its data", async () => {
    const charts = reportCharts(one);
    expect(charts.map((c) => c.id)).toEqual([
      "cost-vs-sla",
      "latency-cdf",
      "instances-over-time",
      "cost-by-type",
      "idle-cost",
      "cold-starts",
    ]);
    const drawn = new Map<string, Map<string, number>>();
    const lines = new Map<string, Map<string, number>>();
    for (const c of charts) {
      const r = await render(c.spec);
      drawn.set(c.id, r.items);
      lines.set(c.id, r.series);
      expect(r.svg).toMatch(/^<svg/);
    }
    const policies = one.report.policies.length;
    // A point and a label per policy; the front line joins at least one.
    expect(drawn.get("cost-vs-sla")!.get("symbol")).toBe(policies);
    expect(drawn.get("cost-vs-sla")!.get("text")).toBe(policies);
    expect(drawn.get("cost-vs-sla")!.get("line")).toBeGreaterThan(0);
    // A CDF line per policy, and the SLA rule.
    expect(lines.get("latency-cdf")!.get("line")).toBe(policies);
    expect(drawn.get("latency-cdf")!.get("line")).toBeGreaterThan(20 * policies);
    expect(drawn.get("latency-cdf")!.get("rule")).toBe(1);
    // An area per policy, type (t3.medium, lambda-1769) and state.
    expect(lines.get("instances-over-time")!.get("area")).toBe(3 * 2 * 4);
    // A bar per policy and type; two per policy for idle against busy.
    expect(drawn.get("cost-by-type")!.get("rect")).toBe(3);
    expect(drawn.get("idle-cost")!.get("rect")).toBe(2 * policies);
    expect(lines.get("cold-starts")!.get("line")).toBe(policies);
  });

  test("service classes get a chart, a bar per policy in each class, and no chart without them", async () => {
    expect(reportCharts(one).some((c) => c.id === "class-attainment")).toBe(false);
    const policies = one.report.policies.map((p, i) => ({
      ...p,
      byClass: {
        batch: {
          requests: 10 + i,
          completed: 9,
          failed: 1,
          rejected: 0,
          latencyMeanS: 1,
          slaAttainment: 0.9,
        },
        interactive: {
          requests: 5,
          completed: 5,
          failed: 0,
          rejected: 0,
          latencyMeanS: 0.2,
          slaAttainment: 1,
        },
      },
    }));
    const withClasses = { ...one, report: { ...one.report, policies } };
    const chart = reportCharts(withClasses).find((c) => c.id === "class-attainment");
    expect(chart).toBeDefined();
    const r = await render(chart!.spec);
    expect(r.items.get("rect")).toBe(2 * policies.length);
  });

  test("each cell of the instances chart (policy by type) sits at its own policy's row and type's column", async () => {
    // The policies use different types; Vega-Lite lays a grid with data-less cells out of order.
    const chart = reportCharts(one).find((c) => c.id === "instances-over-time")!;
    expect(await cellsOffTheirHeaders(chart.spec)).toEqual([]);
  });

  test("with replications the cost chart draws 95% intervals; with one it does not", async () => {
    const withCi = reportCharts(three).find((c) => c.id === "cost-vs-sla")!;
    const without = reportCharts(one).find((c) => c.id === "cost-vs-sla")!;
    expect(three.report.policies.every((p) => p.ci95 !== null)).toBe(true);
    // Two rules (cost, SLA) per policy.
    expect((await render(withCi.spec)).items.get("rule")).toBe(2 * 3);
    expect((await render(without.spec)).items.get("rule") ?? 0).toBe(0);
    expect(withCi.caption).toMatch(/95% confidence intervals/);
  });

  test("the digest agrees with the summary: latency bins and cold starts add up per policy", () => {
    for (const input of [one, three]) {
      for (const p of input.report.policies) {
        const d = input.requests!.policies.find((x) => x.policy === p.policy)!;
        const reps = input.report.replications;
        const binned = d.latencyBins.reduce((a, [, n]) => a + n, 0);
        expect(binned).toBe(d.completed);
        expect(d.completed).toBeCloseTo(p.completed * reps, 6);
        expect(d.coldStarts).toBeCloseTo(p.coldStarts * reps, 6);
        expect(d.coldStartsByInterval.reduce((a, b) => a + b, 0)).toBe(d.coldStarts);
      }
    }
  });

  test("without a digest the CDF falls back to the summary's percentiles and cold starts are noted missing", () => {
    const { requests: _, ...rest } = one;
    const charts = reportCharts(rest);
    expect(charts.map((c) => c.id)).not.toContain("cold-starts");
    const cdf = charts.find((c) => c.id === "latency-cdf")!;
    expect(cdf.caption).toMatch(/percentiles/);
    const html = htmlReport(rest);
    expect(html).toMatch(/Cold starts over time are not shown/);
  });
});

describe("the page", () => {
  test("tables name every policy (escaped) with units, and the page asks for nothing from a network", () => {
    const renamed: HtmlReportInput = {
      ...one,
      report: {
        ...one.report,
        policies: one.report.policies.map((p, i) =>
          i === 0 ? { ...p, policy: "<b>static</b>" } : p,
        ),
      },
    };
    const html = htmlReport(renamed);
    expect(html).toContain("&lt;b&gt;static&lt;/b&gt;");
    expect(html).not.toContain("<b>static</b>");
    expect(html).toMatch(/<th scope="row">cost \(USD\)<\/th>/);
    expect(html).toMatch(/<th scope="row">SLA attainment \(% of ended requests\)<\/th>/);
    expect(html).toContain(`content="default-src 'none'`);
    // The chart data is inlined; nothing refers to a remote resource.
    expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//i);
    const json = /<script type="application\/json" id="report-charts">([^<]*)<\/script>/.exec(html);
    expect(json).not.toBeNull();
    const charts = JSON.parse(json![1]!) as { id: string }[];
    expect(charts.map((c) => c.id)).toHaveLength(6);
  });

  test("with replications the table gives ± 95% half-widths", () => {
    const html = htmlReport(three);
    expect(html).toMatch(/Mean of 3 replications, ± 95% confidence half-width/);
    expect(html).toMatch(/class="ci">±\$/);
    expect(htmlReport(one)).not.toMatch(/class="ci"/);
  });

  test("the libraries are inlined as installed, once each", () => {
    const scripts = readVegaScripts();
    expect(scripts.versions).toEqual({ vega: "6.4.0", vegaLite: "6.4.3", vegaEmbed: "7.3.0" });
    const html = htmlReport({ ...one, scripts });
    for (const code of [scripts.vega, scripts.vegaLite, scripts.vegaEmbed]) {
      const at = html.indexOf(code.slice(0, 2000));
      expect(at).toBeGreaterThan(0);
      expect(html.indexOf(code.slice(0, 2000), at + 1)).toBe(-1);
    }
    expect(html.length).toBeLessThan(1.2e6);
  });

  test("the page does not grow with the request count", async () => {
    const few = htmlReport(await reportInput(FAKE_SCRIPTS, { rate: "2/s" }));
    const many = htmlReport(await reportInput(FAKE_SCRIPTS, { rate: "40/s" }));
    // 20x the requests: the data differs, its size hardly.
    expect(many.length).toBeLessThan(few.length * 1.5);
    expect(many.length).toBeLessThan(200_000);
  });
});
