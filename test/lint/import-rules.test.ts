/**
 * The import direction of ARCHITECTURE.md is enforced by lint; these cases
 * prove the rules fire (and stay quiet on what a layer may import). Each
 * lints fixture text under a path of the tree, never the tree itself.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result?.messages ?? [];
}

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  return (await lint(filePath, code)).map((m) => m.ruleId ?? m.message);
}

const importOf = (spec: string) => `import { a } from "${spec}";\nexport const b = a;\n`;

const IMPORTS = "layers/imports";

describe("a policy imports only policies/types, analysis, predict and pure helpers", () => {
  test.each([
    // node builtins, bare or with node:
    "crypto",
    "timers",
    "perf_hooks",
    "zlib",
    "node:zlib",
    "fs",
    "node:fs",
    "fs/promises",
    "node:test",
    // npm packages it does not name
    "fs-extra",
    "seedrandom",
    // the seeded streams, the engine, the model and every layer above
    "../random/streams.js",
    "../engine/scheduler.js",
    "../model/cluster.js",
    "../scenario/validate.js",
    "../run/run-job.js",
    "../serve/server.js",
    "../cli/main.js",
    "../../traces/reader.js",
    "../../reports/csv.js",
    // the package entry and its own name re-export the engine
    "../index.js",
    "provisim",
    "provisim/simjs",
    // spellings that only resolve to the engine
    "../analysis/../engine/scheduler.js",
    "./../../sim/engine/scheduler.js",
    "../../test/support/cli.js",
  ])("%s is refused", async (spec) => {
    expect(await ruleIds("sim/policies/x.ts", importOf(spec))).toContain(IMPORTS);
  });

  test.each([
    ["export from", 'export { a } from "../engine/scheduler.js";\n'],
    ["export all", 'export * from "../random/streams.js";\n'],
    [
      "import type",
      'import type { Scheduler } from "../engine/scheduler.js";\nexport type S = Scheduler;\n',
    ],
    ["type import()", 'export type S = import("../engine/scheduler.js").Scheduler;\n'],
    ["require", 'export const fs = require("fs");\n'],
    ["side effect", 'import "node:fs";\n'],
  ])("%s of a forbidden module is refused", async (_form, code) => {
    expect(await ruleIds("sim/policies/x.ts", code)).toContain(IMPORTS);
  });

  test("dynamic import() is refused, with a literal path or a computed one", async () => {
    const literal = await ruleIds("sim/policies/x.ts", 'export const m = import("node:fs");\n');
    expect(literal).toContain(IMPORTS);
    expect(literal).toContain("no-restricted-syntax");
    const computed = 'const name = "node:fs";\nexport const m = import(name);\n';
    expect(await ruleIds("sim/policies/x.ts", computed)).toEqual([IMPORTS, "no-restricted-syntax"]);
  });

  test.each([
    ["sim/policies/x.ts", "./types.js"],
    ["sim/policies/x.ts", "./registry.js"],
    ["sim/policies/x.ts", "../units/fields.js"],
    ["sim/policies/x.ts", "../analysis/scores.js"],
    ["sim/policies/x.ts", "../predict/forecast.js"],
    ["sim/policies/x.ts", "zod"],
    ["sim/policies/pieces/keep-alive.ts", "../types.js"],
    ["sim/policies/pieces/keep-alive.ts", "../../analysis/scores.js"],
  ])("%s may import %s", async (file, spec) => {
    expect(await ruleIds(file, importOf(spec))).toEqual([]);
  });

  test("a piece one folder down is still a policy", async () => {
    const ids = await ruleIds("sim/policies/pieces/x.ts", importOf("../../engine/scheduler.js"));
    expect(ids).toContain(IMPORTS);
  });

  test("the package's own name is judged by the file it resolves to", async () => {
    const [message] = await lint("sim/policies/x.ts", importOf("provisim"));
    expect(message?.message).toContain('not "provisim", the package itself (sim/index).');
  });

  test("the message says what the layer may import and what the import is", async () => {
    const [message] = await lint("sim/policies/x.ts", importOf("../random/streams.js"));
    expect(message?.message).toBe(
      'policies may import only units, policies/types, policies/pieces, analysis, predict, profiles/types, profiles, "zod"; not "../random/streams.js" (random).',
    );
  });
});

describe("every layer has an allow-list", () => {
  test.each([
    ["sim/random/x.ts", "../engine/scheduler.js"],
    ["sim/random/x.ts", "../units/units.js"],
    ["sim/units/x.ts", "../engine/scheduler.js"],
    ["sim/csv/x.ts", "../units/units.js"],
    ["sim/csv/x.ts", "../../reports/csv.js"],
    ["sim/engine/x.ts", "../model/instance.js"],
    ["sim/engine/x.ts", "../policies/types.js"],
    ["sim/engine/x.ts", "node:fs"],
    ["sim/policies/types.ts", "./registry.js"],
    ["sim/analysis/x.ts", "node:fs"],
    ["sim/analysis/x.ts", "node:path"],
    ["sim/analysis/x.ts", "node:module"],
    ["sim/analysis/x.ts", "../policies/types.js"],
    ["sim/predict/x.ts", "../model/cluster.js"],
    ["sim/predict/x.ts", "../policies/static.js"],
    ["sim/predict/x.ts", "node:fs"],
    ["sim/model/x.ts", "../run/run-job.js"],
    ["sim/model/x.ts", "../policies/registry.js"],
    ["sim/model/x.ts", "../scenario/validate.js"],
    ["sim/model/x.ts", "node:fs"],
    ["traces/x.ts", "../reports/csv-bytes.js"],
    ["traces/x.ts", "../sim/scenario/load.js"],
    ["traces/x.ts", "../sim/run/run-job.js"],
    ["traces/x.ts", "../sim/engine/scheduler.js"],
    ["traces/import/x.ts", "../../reports/csv-bytes.js"],
    ["reports/x.ts", "../sim/run/aggregate.js"],
    ["reports/x.ts", "../sim/scenario/validate.js"],
    ["reports/x.ts", "../sim/cli/main.js"],
    ["sim/scenario/x.ts", "../run/expand.js"],
    ["sim/scenario/x.ts", "../../reports/csv.js"],
    ["sim/scenario/x.ts", "../engine/scheduler.js"],
    ["sim/run/x.ts", "../cli/main.js"],
    ["sim/run/x.ts", "node:fs"],
    ["sim/index.ts", "./cli/main.js"],
    ["sim/serve/x.ts", "../engine/scheduler.js"],
    ["sim/serve/x.ts", "../model/cluster.js"],
    ["sim/serve/x.ts", "../run/run-job.js"],
    ["sim/serve/x.ts", "provisim"],
    ["sim/cli/x.ts", "../../test/support/cli.js"],
    ["sim/cli/x.ts", "../../bench/run.js"],
  ])("%s: %s is refused", async (file, spec) => {
    expect(await ruleIds(file, importOf(spec))).toContain(IMPORTS);
  });

  test.each([
    ["sim/engine/x.ts", "../random/streams.js"],
    ["sim/engine/simjs/x.ts", "../../random/mt19937.js"],
    ["sim/random/x.ts", "seedrandom"],
    ["sim/csv/x.ts", "./number-text.js"],
    ["sim/model/x.ts", "../engine/scheduler.js"],
    ["sim/model/x.ts", "../policies/types.js"],
    ["sim/model/catalog/x.ts", "../../random/spec.js"],
    ["sim/analysis/parser.ts", "node:module"],
    ["sim/analysis/x.ts", "web-tree-sitter"],
    ["sim/predict/x.ts", "../analysis/scores.js"],
    ["traces/x.ts", "node:fs"],
    ["traces/x.ts", "papaparse"],
    ["traces/x.ts", "../sim/csv/csv-bytes.js"],
    ["traces/x.ts", "../sim/model/request.js"],
    ["traces/synth/x.ts", "../../sim/random/distributions/normal.js"],
    ["reports/x.ts", "../sim/csv/csv-bytes.js"],
    ["reports/x.ts", "../traces/trace-stats.js"],
    ["reports/x.ts", "../sim/model/summary.js"],
    ["reports/x.ts", "node:fs"],
    ["sim/scenario/x.ts", "../../traces/trace-source.js"],
    ["sim/scenario/x.ts", "../policies/registry.js"],
    ["sim/scenario/x.ts", "yaml"],
    ["sim/run/x.ts", "../../reports/summary-report.js"],
    ["sim/run/x.ts", "../scenario/validate.js"],
    ["sim/run/x.ts", "node:path"],
    ["sim/index.ts", "./engine/index.js"],
    ["sim/serve/x.ts", "../policies/registry.js"],
    ["sim/serve/x.ts", "node:http"],
    ["sim/cli/x.ts", "node:fs"],
    ["sim/cli/x.ts", "yargs/helpers"],
    ["sim/cli/x.ts", "../run/run-job.js"],
    ["sim/cli/x.ts", "provisim/simjs"],
    ["sim/cli/commands/x.ts", "../../../reports/csv.js"],
    ["test/x.test.ts", "../sim/engine/scheduler.js"],
    ["test/x.test.ts", "fs-extra"],
    ["bench/x.ts", "node:fs"],
  ])("%s may import %s", async (file, spec) => {
    expect(await ruleIds(file, importOf(spec))).toEqual([]);
  });

  test.each([
    "sim/random",
    "sim/units",
    "sim/csv",
    "sim/engine",
    "sim/analysis",
    "sim/predict",
    "sim/policies",
    "sim/model",
    "sim/scenario",
    "sim/run",
    "sim/serve",
    "sim/cli",
    "traces",
    "reports",
  ])("%s: an npm package no layer names is refused", async (dir) => {
    expect(await ruleIds(`${dir}/x.ts`, importOf("left-pad"))).toContain(IMPORTS);
  });

  test.each(["sim/x.ts", "sim/newlayer/x.ts", "newtop/x.ts"])(
    "%s, in no layer, is reported",
    async (file) => {
      const [message] = await lint(file, "export const b = 1;\n");
      expect(message?.ruleId).toBe(IMPORTS);
      expect(message?.message).toContain(`${file} is in no layer`);
    },
  );
});

describe("the viewer's browser code", () => {
  test("uses the browser's globals and the report's charts", async () => {
    const code = [
      'import { costVsSlaChart } from "../../reports/html/charts/cost-vs-sla.js";',
      "export const x = () => [document.title, fetch, costVsSlaChart];",
    ].join("\n");
    expect(await ruleIds("web-viewer/src/x.ts", code)).toEqual([]);
  });

  test.each([
    [
      "node:fs",
      'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
      IMPORTS,
    ],
    ["process", "export const x = () => process.env.HOME;\n", "no-restricted-globals"],
    ["Buffer", "export const x = () => Buffer.from([]);\n", "no-restricted-globals"],
    ["the CLI", 'import { x as y } from "../../sim/cli/main.js";\nexport const x = y;\n', IMPORTS],
  ])("is refused %s", async (_, code, rule) => {
    expect(await ruleIds("web-viewer/src/x.ts", code)).toContain(rule);
  });
});

describe("policies, and what they import, are pure", () => {
  test.each([
    ["Math.random", "export const x = () => Math.random();\n", "no-restricted-properties"],
    [
      "Math destructured",
      "const { random } = Math;\nexport const x = random;\n",
      "no-restricted-properties",
    ],
    [
      "Math aliased",
      "const M = Math;\nexport const x = () => M.random();\n",
      "no-restricted-syntax",
    ],
    ["Math[key]", 'export const x = () => Math["random"]();\n', "no-restricted-syntax"],
    [
      "Math passed on",
      "export const x = (f: (m: Math) => number) => f(Math);\n",
      "no-restricted-syntax",
    ],
    ["Date", "export const x = () => Date.now();\n", "no-restricted-globals"],
    ["new Date", "export const x = () => new Date();\n", "no-restricted-globals"],
    ["globalThis.Date", "export const x = () => globalThis.Date.now();\n", "no-restricted-globals"],
    ["globalThis[...]", 'export const x = () => globalThis["Math"];\n', "no-restricted-globals"],
    ["crypto.randomUUID", "export const x = () => crypto.randomUUID();\n", "no-restricted-globals"],
    [
      "queueMicrotask",
      "export const x = () => queueMicrotask(() => {});\n",
      "no-restricted-globals",
    ],
    ["console", 'export const x = () => console.log("x");\n', "no-restricted-globals"],
    ["setTimeout", "export const x = () => setTimeout(() => {}, 1);\n", "no-restricted-globals"],
    ["setInterval", "export const x = () => setInterval(() => {}, 1);\n", "no-restricted-globals"],
    ["setImmediate", "export const x = () => setImmediate(() => {});\n", "no-restricted-globals"],
    ["performance", "export const x = () => performance.now();\n", "no-restricted-globals"],
    ["process", "export const x = () => process.env.HOME;\n", "no-restricted-globals"],
    ["fetch", 'export const x = () => fetch("http://x");\n', "no-restricted-globals"],
    ["eval", 'export const x = () => eval("1");\n', "no-restricted-globals"],
    [
      "Intl",
      "export const x = () => new Intl.NumberFormat().format(1);\n",
      "no-restricted-globals",
    ],
    ["Function", 'export const x = () => new Function("return 1");\n', "no-restricted-globals"],
    [
      "constructor",
      'export const x = () => ({}).constructor.constructor("return 1")();\n',
      "no-restricted-properties",
    ],
  ])("%s is refused in a policy and in analysis, allowed in the CLI", async (_name, code, rule) => {
    expect(await ruleIds("sim/policies/x.ts", code)).toContain(rule);
    expect(await ruleIds("sim/analysis/x.ts", code)).toContain(rule);
    expect(await ruleIds("sim/cli/x.ts", code)).not.toContain(rule);
  });

  test("deterministic built-ins, the context and types stay allowed", async () => {
    const policy = [
      'import type { PolicyContext } from "./types.js";',
      "export function pick(ctx: PolicyContext, seen: Date | undefined): string {",
      "  const counts = new Map<string, number>([['a', Math.floor(ctx.random() * 10)]]);",
      "  const at = Math.max(0, ctx.nowS) + Math.PI;",
      "  const shape = { Math: 1, at };",
      "  ctx.log(`at ${at}`);",
      "  return JSON.stringify([...counts, shape.Math, Number.isFinite(at), seen === undefined]);",
      "}",
      "",
    ].join("\n");
    expect(await lint("sim/policies/x.ts", policy)).toEqual([]);
  });
});

describe("inner layers do no I/O", () => {
  test.each([
    ["sim/engine/x.ts", 'export const x = () => console.log("x");\n'],
    ["sim/model/x.ts", "export const x = () => process.env.HOME;\n"],
    ["sim/random/x.ts", "export const x = () => crypto.randomUUID();\n"],
    ["sim/run/x.ts", 'export const x = () => fetch("http://x");\n'],
    ["sim/model/x.ts", "export const x = () => globalThis.process;\n"],
  ])("%s: a host global is refused", async (file, code) => {
    expect(await ruleIds(file, code)).toContain("no-restricted-globals");
  });

  test.each(["sim/csv/x.ts", "sim/run/x.ts", "sim/engine/x.ts"])(
    "%s: the host's utilities that stay in the process are allowed",
    async (file) => {
      const code = [
        'export const bytes = () => Buffer.from("a");',
        "export const later = () => new Promise((done) => setImmediate(done));",
        "",
      ].join("\n");
      expect(await ruleIds(file, code)).toEqual([]);
    },
  );

  test("the engine may read the clock (SimJS seeds Random with it) and use Math.random", async () => {
    const code = "export const x = () => Date.now() + Math.random();\n";
    expect(await ruleIds("sim/engine/x.ts", code)).toEqual([]);
  });

  test("a computed import() is refused where it cannot be checked, allowed at an edge", async () => {
    const code = "export const m = (name: string) => import(name);\n";
    expect(await ruleIds("sim/model/x.ts", code)).toEqual([IMPORTS]);
    expect(await ruleIds("sim/cli/x.ts", code)).toEqual([]);
  });
});

describe("the ordered list", () => {
  type Layer = { name: string; uses: string[] | "all below"; pure?: boolean };
  const load = async () =>
    (await import(pathToFileURL(resolve("eslint-layers.js")).href)) as {
      orderLayers: (order: Layer[]) => { name: string; uses: string[] }[];
      pureLayers: (layers: { name: string; uses: string[]; pure?: boolean }[]) => Set<string>;
    };

  test("a layer may use only layers below it", async () => {
    const { orderLayers } = await load();
    const upward = [
      { name: "a", uses: ["b"] },
      { name: "b", uses: [] },
    ];
    expect(() => orderLayers(upward)).toThrow('"a" uses "b", which is not below it');
    expect(() => orderLayers([{ name: "a", uses: ["zz"] }])).toThrow(
      '"a" uses "zz", which is no layer',
    );
    const ordered = orderLayers([
      { name: "a", uses: [] },
      { name: "b", uses: ["a"] },
      { name: "c", uses: "all below" },
    ]);
    expect(ordered.map((l) => l.uses)).toEqual([[], ["a"], ["a", "b"]]);
  });

  test("what a pure layer uses is pure, transitively, and nothing else", async () => {
    const { orderLayers, pureLayers } = await load();
    const layers = orderLayers([
      { name: "clock", uses: [] },
      { name: "helper", uses: [] },
      { name: "analysis", uses: ["helper"] },
      { name: "policies", uses: ["analysis"], pure: true },
      { name: "run", uses: ["clock", "policies"] },
    ]);
    expect([...pureLayers(layers)].sort()).toEqual(["analysis", "helper", "policies"]);
  });
});
