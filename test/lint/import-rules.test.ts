/**
 * The import direction of ARCHITECTURE.md is enforced by lint; these cases
 * prove the rules fire (and stay quiet on allowed imports).
 */
import { ESLint } from "eslint";
import { describe, expect, test } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("import direction", () => {
  test.each([
    ["sim/engine/x.ts", 'import { a } from "../model/instance.js";\nexport const b = a;\n'],
    ["sim/engine/x.ts", 'import { a } from "../policies/types.js";\nexport const b = a;\n'],
    [
      "sim/engine/x.ts",
      'import { readFileSync } from "node:fs";\nexport const b = readFileSync;\n',
    ],
    ["sim/random/x.ts", 'import { a } from "../engine/scheduler.js";\nexport const b = a;\n'],
    ["sim/policies/x.ts", 'import { a } from "../engine/scheduler.js";\nexport const b = a;\n'],
    ["sim/policies/x.ts", 'import { a } from "../model/fleet.js";\nexport const b = a;\n'],
    ["sim/policies/x.ts", 'import fs from "fs";\nexport const b = fs;\n'],
    ["sim/model/x.ts", 'import { a } from "../run/runner.js";\nexport const b = a;\n'],
    ["sim/serve/x.ts", 'import { a } from "../engine/scheduler.js";\nexport const b = a;\n'],
  ])("%s: forbidden import is reported", async (file, code) => {
    expect(await ruleIds(file, code)).toContain("no-restricted-imports");
  });

  test.each([
    ["sim/engine/x.ts", 'import { a } from "../random/streams.js";\nexport const b = a;\n'],
    ["sim/model/x.ts", 'import { a } from "../engine/scheduler.js";\nexport const b = a;\n'],
    ["sim/policies/x.ts", 'import { a } from "./types.js";\nexport const b = a;\n'],
    ["sim/cli/x.ts", 'import { readFileSync } from "node:fs";\nexport const b = readFileSync;\n'],
  ])("%s: allowed import passes", async (file, code) => {
    expect(await ruleIds(file, code)).toEqual([]);
  });
});

describe("policies are pure", () => {
  test.each([
    ["Math.random", "export const x = () => Math.random();\n", "no-restricted-properties"],
    ["Date", "export const x = () => Date.now();\n", "no-restricted-globals"],
    ["setTimeout", "export const x = () => setTimeout(() => {}, 1);\n", "no-restricted-globals"],
  ])("%s is refused in a policy", async (_name, code, rule) => {
    expect(await ruleIds("sim/policies/x.ts", code)).toContain(rule);
    expect(await ruleIds("sim/run/x.ts", code)).not.toContain(rule);
  });
});
