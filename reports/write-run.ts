/**
 * Stage `write`: a run's reports into its --out directory, whole. Besides
 * the summary, the time series, report.html and (when asked, streamed during
 * the run) requests.csv, the directory holds run.json, a manifest of what it
 * holds and what made it.
 */
import { statSync, writeFileSync } from "node:fs";
import type { TimeseriesRow } from "../sim/model/summary.js";
import { htmlReport } from "./html/report.js";
import type { RequestDigestData } from "./html/request-digest.js";
import { readVegaScripts } from "./html/vega-scripts.js";
import { provisimVersion } from "./provisim-version.js";
import { RUN_FILES, type RunDirectory } from "./run-directory.js";
import { summaryCsv, summaryJson, timeseriesCsv, type RunReport } from "./summary-report.js";

export interface RunManifest {
  readonly scenario: { readonly file: string; readonly name: string };
  readonly seed: number;
  readonly provisim: string;
  /** Every other file of the directory, with its size. */
  readonly files: readonly { readonly name: string; readonly bytes: number }[];
}

export interface WrittenRun {
  readonly report: RunReport;
  readonly timeseries: readonly TimeseriesRow[];
  /** The scenario file, as the run was given it. */
  readonly scenarioFile: string;
  /** Every request's record, digested during the run, for report.html's charts. */
  readonly requests: RequestDigestData;
}

/** Writes the reports and run.json into `dir` and moves it onto --out; returns the files' names. */
export function writeRun(dir: RunDirectory, run: WrittenRun): string[] {
  writeFileSync(dir.path("summary.json"), summaryJson(run.report));
  writeFileSync(dir.path("summary.csv"), summaryCsv(run.report));
  writeFileSync(dir.path("timeseries.csv"), timeseriesCsv(run.timeseries));
  const html = htmlReport({
    report: run.report,
    timeseries: run.timeseries,
    requests: run.requests,
    scripts: readVegaScripts(),
  });
  writeFileSync(dir.path("report.html"), html);
  const files = RUN_FILES.filter((f) => f !== "run.json" && exists(dir.path(f)));
  const manifest: RunManifest = {
    scenario: { file: run.scenarioFile, name: run.report.scenario },
    seed: run.report.seed,
    provisim: provisimVersion(),
    files: files.map((name) => ({ name, bytes: statSync(dir.path(name)).size })),
  };
  writeFileSync(dir.path("run.json"), JSON.stringify(manifest, null, 2) + "\n");
  dir.commit();
  return [...files, "run.json"];
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
