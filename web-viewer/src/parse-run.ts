/** summary.json, timeseries.csv and requests.csv of a run directory, checked and typed. */
import type { RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";
import { eachCsvRow, RunFileError } from "./csv-rows.js";
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
  const out: TimeseriesRow[] = [];
  eachCsvRow(file, text, ["policy", "time_s", "instance_type", ...STATES], (r) =>
    out.push({
      policy: r.text("policy"),
      timeS: r.number("time_s"),
      type: r.text("instance_type"),
      booting: r.number("booting"),
      idle: r.number("idle"),
      busy: r.number("busy"),
      draining: r.number("draining"),
      // Not drawn by the viewer.
      queueLength: 0,
      costUsdPerHour: 0,
    }),
  );
  return out;
}

const OUTCOMES = new Set<RequestRecord["outcome"]>([
  "completed",
  "failed-oom",
  "failed-timeout",
  "rejected",
]);

const REQUEST_COLUMNS = ["policy", "function_id", "arrival_s", "end_s", "outcome", "cold_start"];

export function parseRequests(file: string, text: string): RequestRow[] {
  const out: RequestRow[] = [];
  eachCsvRow(file, text, REQUEST_COLUMNS, (r) => {
    const outcome = r.text("outcome") as RequestRecord["outcome"];
    if (!OUTCOMES.has(outcome))
      throw new RunFileError(
        `${file}, line ${r.line}, column outcome: unknown outcome "${outcome}"`,
      );
    out.push({
      policy: r.text("policy"),
      functionId: r.number("function_id"),
      arrivalS: r.number("arrival_s"),
      endS: r.number("end_s"),
      outcome,
      cold: r.text("cold_start") === "true",
    });
  });
  return out;
}
