/**
 * Policy bounds of scenarios: a scenario runs through the pipeline, then
 * its summary yields bounds (reports/bounds/derive.ts) or is checked
 * against them (reports/bounds/check.ts). Reading and writing the bounds
 * files is the caller's; where a scenario's committed bounds live is here.
 */
import { basename, dirname, join } from "node:path";
import type { BoundsFile } from "../../reports/bounds/bounds-file.js";
import { checkBounds, type BoundsResult } from "../../reports/bounds/check.js";
import { deriveBounds, DEFAULT_MARGIN } from "../../reports/bounds/derive.js";
import type { RunReport } from "../../reports/summary-report.js";
import { runPipeline, type RunOptions } from "./pipeline.js";

export { DEFAULT_MARGIN };

/** `DIR/NAME.yaml`'s bounds: `DIR/bounds/NAME.json`, as scenarios/ keeps them. */
export function boundsPathOf(scenarioFile: string): string {
  const name = basename(scenarioFile).replace(/\.ya?ml$/i, "");
  return join(dirname(scenarioFile), "bounds", `${name}.json`);
}

async function report(file: string, opts: RunOptions): Promise<RunReport> {
  return (await runPipeline({ file, ...opts })).report;
}

/** Runs the scenario and derives its bounds with `margin` where it has no replications. */
export async function measureBounds(
  file: string,
  margin: number = DEFAULT_MARGIN,
  opts: RunOptions = {},
): Promise<BoundsFile> {
  return deriveBounds(await report(file, opts), margin);
}

/** Runs the scenario and checks every policy against `bounds`. */
export async function checkScenarioBounds(
  file: string,
  bounds: BoundsFile,
  opts: RunOptions = {},
): Promise<BoundsResult> {
  return checkBounds(await report(file, opts), bounds);
}
