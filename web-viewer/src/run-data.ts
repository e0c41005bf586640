/** One opened run directory, parsed: plain data the views are computed from. */
import type { PolicySummary, RequestRecord, TimeseriesRow } from "../../sim/model/summary.js";

/** What the viewer reads of summary.json (the run's RunReport). */
export interface RunSummaryFile {
  readonly scenario: string;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  readonly replications: number;
  readonly policies: readonly PolicySummary[];
}

/** A row of requests.csv, the columns the viewer uses. */
export type RequestRow = Pick<
  RequestRecord,
  "policy" | "functionId" | "arrivalS" | "endS" | "outcome" | "cold"
>;

export interface LoadedRun {
  /** The directory's label, unique among the opened runs. */
  readonly label: string;
  readonly summary: RunSummaryFile;
  readonly timeseries: readonly TimeseriesRow[];
  /** Null when the run was made without --requests. */
  readonly requests: readonly RequestRow[] | null;
}

/** How a run's policy is named where several runs are shown together. */
export function seriesName(run: LoadedRun, policy: string, runs: number): string {
  return runs > 1 ? `${run.label} · ${policy}` : policy;
}
