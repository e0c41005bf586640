// Lint rules, including the one-way import direction of ARCHITECTURE.md.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

const layer = (names) => ({ regex: `(^|/)(${names.join("|")})(/|$)` });

/** Imports a directory of sim/ must not make, as regexes on the import path. */
function forbid(message, names, extra = []) {
  return {
    "no-restricted-imports": ["error", { patterns: [{ ...layer(names), message }, ...extra] }],
  };
}

const nodeBuiltins = {
  regex: "^(node:|fs$|fs/|path$|child_process$|os$|http$|https$|net$|worker_threads$)",
  message:
    "This layer does no I/O: pass data in from an edge (cli, scenario, traces, reports, serve).",
};

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
  {
    files: ["sim/random/**"],
    rules: forbid(
      "random/ is the bottom layer: it imports nothing else of sim/.",
      [
        "engine",
        "model",
        "policies",
        "scenario",
        "run",
        "cli",
        "serve",
        "analysis",
        "predict",
        "traces",
        "reports",
      ],
      [nodeBuiltins],
    ),
  },
  {
    files: ["sim/engine/**"],
    rules: forbid(
      "engine/ knows nothing of clouds, policies or runs: it imports only random/.",
      [
        "model",
        "policies",
        "scenario",
        "run",
        "cli",
        "serve",
        "analysis",
        "predict",
        "traces",
        "reports",
      ],
      [nodeBuiltins],
    ),
  },
  {
    files: ["sim/model/**"],
    rules: forbid(
      "model/ imports engine/, random/ and policies/types only.",
      ["scenario", "run", "cli", "serve", "traces", "reports"],
      [nodeBuiltins],
    ),
  },
  {
    files: ["sim/policies/**"],
    rules: {
      ...forbid(
        "A policy imports only policies/types, analysis, predict and pure helpers.",
        ["engine", "model", "scenario", "run", "cli", "serve", "traces", "reports"],
        [nodeBuiltins],
      ),
      "no-restricted-globals": [
        "error",
        ...[
          "Date",
          "setTimeout",
          "setInterval",
          "setImmediate",
          "performance",
          "process",
          "fetch",
        ].map((name) => ({
          name,
          message: "Policies are pure: time and randomness come from the context.",
        })),
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "Use context.random, the seeded stream." },
      ],
    },
  },
  {
    files: ["sim/serve/**"],
    rules: forbid("serve/ runs policies in production: never the engine or the model runtime.", [
      "engine",
      "model",
      "run",
    ]),
  },
);
