// Lint rules, including the one-way import direction of ARCHITECTURE.md.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";
import { layerConfigs } from "./eslint-layers.js";

/**
 * The layers, bottom first. A layer may import itself and the layers it
 * `uses`, each of which must come before it, so every import runs down this
 * list; nothing else of the project, and no npm package it does not name.
 * `io: true` marks an edge: it may import any node builtin and use every
 * global of the host (console, process, fetch). Every other layer does no
 * I/O: it imports only the builtins it lists, and uses ECMAScript's globals
 * and the host's that stay inside the process (Buffer, timers). One file
 * may import a builtin its layer does not, in `exceptions`, with why.
 * `browser: true` marks code bundled for the browser (web-viewer/): it
 * imports no node builtin and uses the browser's globals, not Node's.
 * `pure: true` (policies) also keeps out clocks, Math.random, timers and
 * console, in the policy and in every layer it uses, since a policy reaches
 * them through its imports too.
 */
const LAYERS = [
  { name: "random", paths: ["sim/random/"], uses: [], packages: ["seedrandom"] },
  // Distribution fields parse to random/spec.ts's DistSpec.
  { name: "units", paths: ["sim/units/"], uses: ["random"], packages: ["zod"] },
  // CSV bytes and number text, shared by traces/ writers and reports/.
  { name: "csv", paths: ["sim/csv/"], uses: [] },
  { name: "engine", paths: ["sim/engine/"], uses: ["random"] },
  // The profile database's plain data and interfaces, which a policy's context names.
  { name: "profiles/types", paths: ["sim/profiles/types.ts"], uses: [] },
  // Plain data only: what a policy sees and returns.
  {
    name: "policies/types",
    paths: ["sim/policies/types.ts"],
    uses: ["profiles/types"],
    packages: ["zod"],
  },
  // The profile database in memory: the same code in the simulator, the server and a policy.
  {
    name: "profiles",
    paths: ["sim/profiles/"],
    uses: ["profiles/types", "policies/types"],
    packages: ["seedrandom"],
  },
  {
    name: "analysis",
    paths: ["sim/analysis/"],
    uses: [],
    packages: ["web-tree-sitter"],
    exceptions: [
      // Finds the grammar files in node_modules: module resolution, not data I/O.
      { file: "sim/analysis/parser.ts", builtins: ["module"] },
    ],
  },
  {
    name: "predict",
    paths: ["sim/predict/"],
    uses: ["units", "policies/types", "analysis", "profiles/types", "profiles"],
    // R's ARIMA estimator compiled to WebAssembly (ctsa), pure computation.
    packages: ["arima"],
  },
  // Pure decision pieces over plain views (routing, keep-alive, windows): policies
  // compose them, and the model runs a pool's routing piece.
  {
    name: "policies/pieces",
    paths: ["sim/policies/pieces/", "sim/policies/fleet-data.ts"],
    uses: ["units", "policies/types", "analysis", "predict", "profiles/types", "profiles"],
    pure: true,
  },
  {
    name: "policies",
    paths: ["sim/policies/"],
    uses: [
      ...["units", "policies/types", "policies/pieces", "analysis", "predict"],
      ...["profiles/types", "profiles"],
    ],
    packages: ["zod"],
    pure: true,
  },
  {
    name: "model",
    paths: ["sim/model/"],
    uses: ["random", "units", "engine", "policies/types", "policies/pieces", "profiles"],
  },
  {
    name: "traces",
    paths: ["traces/"],
    uses: ["random", "units", "csv", "policies/types", "analysis", "model"],
    packages: ["papaparse"],
    io: true,
  },
  {
    name: "reports",
    paths: ["reports/"],
    uses: ["units", "csv", "policies/types", "analysis", "model", "traces"],
    io: true,
  },
  // The viewer's browser code: the report's chart specifications, drawn in a page.
  {
    name: "web-viewer",
    paths: ["web-viewer/"],
    uses: ["model", "reports"],
    packages: ["vega-embed", "papaparse"],
    browser: true,
  },
  {
    name: "scenario",
    paths: ["sim/scenario/"],
    uses: ["random", "units", "policies/types", "policies", "model", "traces"],
    packages: ["yaml", "zod"],
    io: true,
  },
  // Persisted profile stores (SQLite file, PostgreSQL server): an edge.
  {
    name: "profiles/stores",
    paths: ["sim/profiles/stores/"],
    uses: ["profiles/types", "profiles"],
    packages: ["better-sqlite3", "pg"],
    io: true,
  },
  {
    name: "run",
    paths: ["sim/run/"],
    // File names only: path does no I/O.
    builtins: ["path"],
    // The worker pool of sweeps.
    packages: ["piscina"],
    exceptions: [
      // Finds the worker entry beside itself: module resolution, not data I/O.
      { file: "sim/run/job-pool.ts", builtins: ["url"] },
    ],
    uses: [
      ...["random", "units", "csv", "engine", "policies/types", "analysis", "predict"],
      ...["policies", "model", "traces", "reports", "scenario"],
      ...["profiles/types", "profiles", "profiles/stores"],
    ],
  },
  // The web viewer's read-only server (`sim view`).
  { name: "view", paths: ["sim/view/"], uses: ["run"], io: true },
  // The library's entry (package.json "."): a policy must not reach the engine through it.
  { name: "sim/index", paths: ["sim/index.ts"], uses: "all below" },
  {
    name: "serve",
    paths: ["sim/serve/"],
    // random: each instance's own seeded stream for policies that draw.
    uses: [
      "random",
      "units",
      "policies/types",
      "policies/pieces",
      "analysis",
      "predict",
      "policies",
      "profiles/types",
      "profiles",
    ],
    // @grpc/*: the KEDA external scaler is a gRPC service.
    packages: ["fastify", "prom-client", "zod", "@grpc/grpc-js", "@grpc/proto-loader"],
    io: true,
  },
  // yaml: `sim deploy k8s` prints Kubernetes objects.
  { name: "cli", paths: ["sim/cli/"], uses: "all below", packages: ["yargs", "yaml"], io: true },
];

/** Not part of any layer: they may import anything, and nothing may import them. */
const OUTSIDE = [
  "test/",
  "bench/",
  "bin/",
  // Bundles web-viewer/ with esbuild at build time: a Node script, not browser code.
  "web-viewer/build.js",
  // Sample programs the analyzer reads as data.
  "traces/code/",
  "eslint.config.js",
  "eslint-layers.js",
  "vitest.config.ts",
];

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "bench/results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: globals.node,
    },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/no-unsafe-function-type": "off",
    },
  },
  ...layerConfigs(LAYERS, { root: import.meta.dirname, outside: OUTSIDE }),
);
