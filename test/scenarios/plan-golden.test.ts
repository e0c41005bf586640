/**
 * Every bundled scenario with a plan: section is also planned, and the
 * result matches its committed golden (scenarios/golden/plan/<name>.json),
 * compared like the run goldens (test/support/golden-compare.ts). A mismatch
 * writes <name>-changed.json beside it; UPDATE_GOLDEN=1 rewrites them. What
 * a golden cannot tell is checked on its own: the winner meets every
 * criterion with its whole interval, and no cheaper candidate does.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, test } from "vitest";
import { planJson } from "../../reports/plan/plan-report.js";
import { planPipeline } from "../../sim/run/plan/plan-pipeline.js";
import { goldenDiffs } from "../support/golden-compare.js";

const dir = new URL("../../scenarios/", import.meta.url).pathname;
const goldenDir = join(dir, "golden", "plan");
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml") && /^plan-/.test(f));

test("there is a bundled plan scenario", () => {
  expect(files).toContain("plan-fleet.yaml");
});

test.each(files)("%s plans to its golden result", async (file) => {
  const name = basename(file, ".yaml");
  const { report } = await planPipeline({ file: join(dir, file) });
  const json = planJson(report);
  const goldenPath = join(goldenDir, `${name}.json`);
  if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) {
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(goldenPath, json);
    if (!process.env.UPDATE_GOLDEN)
      throw new Error(`wrote a new golden file ${goldenPath}: review and commit it`);
  }
  const diffs = goldenDiffs(JSON.parse(json), JSON.parse(readFileSync(goldenPath, "utf8")), name);
  if (diffs.length > 0) writeFileSync(join(goldenDir, `${name}-changed.json`), json);
  expect(diffs).toEqual([]);

  expect(report.outcome).toBe("found");
  const winner = report.candidates[report.winner!]!;
  for (const c of winner.criteria) {
    const [lo, hi] = [c.mean! - c.halfWidth!, c.mean! + c.halfWidth!];
    expect(c.bound === "min" ? lo >= c.limit : hi <= c.limit).toBe(true);
  }
  const cheaper = report.candidates.filter((c) => c.costUsd.mean! < winner.costUsd.mean!);
  expect(cheaper.every((c) => c.status !== "meets")).toBe(true);
});
