/**
 * Stage `write` for a sweep: sweep.json, sweep.csv and run.json into the
 * --out directory, whole; or, for one shard of it, shard.json (the frame
 * and that shard's results, for `sim merge`) and run.json.
 */
import { statSync, writeFileSync } from "node:fs";
import { provisimVersion } from "./provisim-version.js";
import type { RunDirectory } from "./run-directory.js";
import type { SweepReport } from "./sweep-metrics.js";
import { sweepCsv, sweepJson } from "./sweep-report.js";

interface Made {
  readonly scenarioFile: string;
  readonly scenario: string;
  readonly seed: number;
}

function commitWithManifest(
  dir: RunDirectory,
  made: Made,
  names: ("sweep.json" | "sweep.csv" | "shard.json")[],
) {
  const manifest = {
    scenario: { file: made.scenarioFile, name: made.scenario },
    seed: made.seed,
    provisim: provisimVersion(),
    files: names.map((name) => ({ name, bytes: statSync(dir.path(name)).size })),
  };
  writeFileSync(dir.path("run.json"), JSON.stringify(manifest, null, 2) + "\n");
  dir.commit();
  return [...names, "run.json"];
}

export function writeSweep(dir: RunDirectory, report: SweepReport, scenarioFile: string): string[] {
  writeFileSync(dir.path("sweep.json"), sweepJson(report));
  writeFileSync(dir.path("sweep.csv"), sweepCsv(report));
  const made = { scenarioFile, scenario: report.scenario, seed: report.seed };
  return commitWithManifest(dir, made, ["sweep.json", "sweep.csv"]);
}

/** `shard` is plain JSON data: what a merge needs of this shard. */
export function writeShard(dir: RunDirectory, shard: object, made: Made): string[] {
  writeFileSync(dir.path("shard.json"), JSON.stringify(shard) + "\n");
  return commitWithManifest(dir, made, ["shard.json"]);
}
