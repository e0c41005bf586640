/**
 * Every example scenario runs, and its summary matches the committed golden
 * file (scenarios/golden/<name>.json): counts exactly, other numbers to 1e-9
 * relative, every field (see test/support/golden-compare.ts). A mismatch
 * writes <name>-changed.json beside it for review; UPDATE_GOLDEN=1 rewrites
 * them. What a golden cannot tell, since it is whatever the code gave when it
 * was written, is checked on its own: each policy's requests add up, every
 * policy of a scenario sees the same requests, and a Poisson workload has
 * about as many as its rate says.
 *
 * Each scenario runs once: the same run is then checked against its policy
 * bounds (scenarios/bounds/<name>.json, see test/support/bounds.ts).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { expect, test } from "vitest";
import { summaryJson } from "../../reports/summary-report.js";
import { loadAndValidate, runScenario } from "../../sim/run/pipeline.js";
import { boundsProblems } from "../support/bounds.js";
import { goldenDiffs } from "../support/golden-compare.js";

const dir = new URL("../../scenarios/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));

const runs = new Map<string, ReturnType<typeof run>>();
async function run(file: string) {
  const s = loadAndValidate(join(dir, file));
  return { s, ...(await runScenario(s)) };
}
/** The run of a scenario, the first time it is asked for. */
const runOf = (file: string) => runs.get(file) ?? runs.set(file, run(file)).get(file)!;

test("there are example scenarios, quickstart among them", () => {
  expect(files).toContain("quickstart.yaml");
  expect(files.length).toBeGreaterThanOrEqual(3);
});

test.each(files)("%s matches its golden summary", async (file) => {
  const name = basename(file, ".yaml");
  const { s, report } = await runOf(file);
  const json = summaryJson(report);
  const goldenPath = join(dir, "golden", `${name}.json`);
  if (process.env.UPDATE_GOLDEN || !existsSync(goldenPath)) {
    writeFileSync(goldenPath, json);
    if (!process.env.UPDATE_GOLDEN)
      throw new Error(`wrote a new golden file ${goldenPath}: review and commit it`);
  }
  const diffs = goldenDiffs(JSON.parse(json), JSON.parse(readFileSync(goldenPath, "utf8")), name);
  if (diffs.length > 0) writeFileSync(join(dir, "golden", `${name}-changed.json`), json);
  expect(diffs).toEqual([]);
  const [first] = report.policies;
  for (const p of report.policies) {
    expect(p.requests).toBeGreaterThan(1000);
    expect(p.requests).toBe(first!.requests);
    const ended = p.completed + p.failed + p.rejected + p.inFlightAtEnd;
    expect(Math.abs(ended - p.requests)).toBeLessThanOrEqual(1e-9 * p.requests);
    expect(p.completed).toBeGreaterThan(0.5 * p.requests);
  }
  // A Poisson workload's count is within 5 standard deviations of rate x horizon.
  if (s.workload.kind === "synth" && s.workload.synth.pattern.kind === "poisson") {
    const expected = s.workload.synth.ratePerS * s.horizonS;
    expect(Math.abs(first!.requests - expected)).toBeLessThan(5 * Math.sqrt(expected));
  }
});

test.each(files)("%s keeps every policy within its bounds", async (file) => {
  const { report } = await runOf(file);
  const boundsFile = join(dir, "bounds", `${basename(file, ".yaml")}.json`);
  expect(boundsProblems(report, boundsFile, file)).toEqual([]);
});
