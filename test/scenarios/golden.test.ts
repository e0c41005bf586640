/**
 * Every example scenario runs, and its summary matches the committed golden
 * file (scenarios/golden/<name>.json) to 1e-9 relative. A mismatch writes
 * <name>-changed.json beside it for review; UPDATE_GOLDEN=1 rewrites them.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, test } from "vitest";
import { summaryJson } from "../../reports/summary-report.js";
import { loadAndValidate, runScenario } from "../../sim/run/pipeline.js";

const dir = new URL("../../scenarios/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

function close(actual: unknown, expected: unknown, path: string): string[] {
  if (typeof expected === "number" && typeof actual === "number") {
    const ok =
      actual === expected ||
      Math.abs(actual - expected) <= 1e-9 * Math.max(Math.abs(expected), 1e-12);
    return ok ? [] : [`${path}: ${actual} != ${expected}`];
  }
  if (expected && typeof expected === "object") {
    if (!actual || typeof actual !== "object") return [`${path}: not an object`];
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
    return [...keys].flatMap((k) =>
      close((actual as never)[k], (expected as never)[k], `${path}.${k}`),
    );
  }
  return actual === expected
    ? []
    : [`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`];
}

test("there are example scenarios, quickstart among them", () => {
  expect(files).toContain("quickstart.yaml");
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test.each(files)("%s matches its golden summary", async (file) => {
  const name = basename(file, ".yaml");
  const { report } = await runScenario(loadAndValidate(join(dir, file)));
  const json = summaryJson(report);
  const goldenPath = join(dir, "golden", `${name}.json`);
  if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) {
    writeFileSync(goldenPath, json);
    if (!process.env.UPDATE_GOLDEN)
      throw new Error(`wrote a new golden file ${goldenPath}: review and commit it`);
  }
  const diffs = close(JSON.parse(json), JSON.parse(readFileSync(goldenPath, "utf8")), name);
  if (diffs.length > 0) writeFileSync(join(dir, "golden", `${name}-changed.json`), json);
  expect(diffs).toEqual([]);
  for (const p of report.policies) expect(p.requests).toBeGreaterThan(1000);
});
