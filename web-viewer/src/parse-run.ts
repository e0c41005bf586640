/** summary.json, timeseries.csv and requests.csv of a run directory, checked and typed. */
import type { RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";
import { csvTable, numberCell, RunFileError, textCell } from "./csv-rows.js";
import type { RequestRow, RunSummaryFile } from "./run-data.js";

const NUMBERS = ["horizonS", "slaLatencyS", "replications"] as const;
const POLICY_NUMBERS = ["requests", "completed", "costUsd", "slaAttainment", "coldStarts"] as const;

export function parseSummary(file: string, text: string): RunSummaryFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new RunFileError(`${file}: not JSON (${(e as Error).message})`);
  }
  const o = data as Record<string, unknown>;
  if (typeof o !== "object" || o === null || !Array.isArray(o.policies))
    throw new RunFileError(`${file}: expected a run summary with a policies list`);
  for (const k of NUMBERS)
    if (typeof o[k] !== "number") throw new RunFileError(`${file}: ${k}: expected a number`);
  o.policies.forEach((p: Record<string, unknown>, i: number) => {
    if (typeof p?.policy !== "string")
      throw new RunFileError(`${file}: policies[${i}].policy: expected a name`);
    for (const k of POLICY_NUMBERS)
      if (typeof p[k] !== "number")
        throw new RunFileError(`${file}: policies[${i}].${k}: expected a number`);
  });
  return data as RunSummaryFile;
}

const STATES = ["booting", "idle", "busy", "draining"] as const;

export function parseTimeseries(file: string, text: string): TimeseriesRow[] {
  const t = csvTable(file, text, ["policy", "time_s", "instance_type", ...STATES]);
  return t.rows.map((_, i) => ({
    policy: textCell(t, i, "policy"),
    timeS: numberCell(t, i, "time_s"),
    type: textCell(t, i, "instance_type"),
    booting: numberCell(t, i, "booting"),
    idle: numberCell(t, i, "idle"),
    busy: numberCell(t, i, "busy"),
    draining: numberCell(t, i, "draining"),
    // Not drawn by the viewer.
    queueLength: 0,
    costUsdPerHour: 0,
  }));
}

const OUTCOMES = new Set<RequestRecord["outcome"]>([
  "completed",
  "failed-oom",
  "failed-timeout",
  "rejected",
]);

export function parseRequests(file: string, text: string): RequestRow[] {
  const t = csvTable(file, text, [
    "policy",
    "function_id",
    "arrival_s",
    "end_s",
    "outcome",
    "cold_start",
  ]);
  return t.rows.map((_, i) => {
    const outcome = textCell(t, i, "outcome") as RequestRecord["outcome"];
    if (!OUTCOMES.has(outcome))
      throw new RunFileError(
        `${file}, line ${i + 2}, column outcome: unknown outcome "${outcome}"`,
      );
    return {
      policy: textCell(t, i, "policy"),
      functionId: numberCell(t, i, "function_id"),
      arrivalS: numberCell(t, i, "arrival_s"),
      endS: numberCell(t, i, "end_s"),
      outcome,
      cold: textCell(t, i, "cold_start") === "true",
    };
  });
}
