/**
 * The pipeline of one run, stage by stage:
 *
 *   load -> validate -> normalize -> expand -> run -> aggregate -> write
 *
 * load reads the YAML (scenario/load.ts), and options given beside the file
 * are written into it (scenario-options.ts); validate and normalize check it
 * and resolve units, catalog and policies (scenario/validate.ts); the
 * expected size is checked against the limit (expected-requests.ts); expand
 * makes the jobs (expand.ts); run simulates each (run-job.ts); aggregate
 * makes one summary per policy (aggregate.ts); write puts the reports into
 * the --out directory, whole (reports/write-run.ts).
 *
 * This is the one entry: the CLI parses its arguments and calls it, and so
 * do tests and everything else that runs a scenario.
 */
import { loadScenarioFile } from "../scenario/load.js";
import { ScenarioError } from "../scenario/issues.js";
import { sweepPoints } from "../scenario/sweep.js";
import { validateScenario, type NormalizedScenario } from "../scenario/validate.js";
import type { RequestRecord, TimeseriesRow } from "../model/summary.js";
import { RequestDigest } from "../../reports/html/request-digest.js";
import { RequestsCsv } from "../../reports/requests-csv.js";
import { RunDirectory } from "../../reports/run-directory.js";
import type { RunReport } from "../../reports/summary-report.js";
import { writeRun } from "../../reports/write-run.js";
import { aggregate } from "./aggregate.js";
import { expandJobs } from "./expand.js";
import { checkRequestLimit, expectedRequests, type ExpectedRequests } from "./expected-requests.js";
import { runJob, type JobResult, type JobSinks } from "./run-job.js";
import { blameOptions, withOptions, type ScenarioOptions } from "./scenario-options.js";
import { workloadPrograms } from "./workload-source.js";
import {
  learnedObservations,
  loadProfiles,
  profilesUsed,
  saveProfiles,
  type ProfilesUsed,
  type StartingProfiles,
} from "./run-profiles-io.js";
import type { ProfileObservation } from "../profiles/types.js";

export { UsageError } from "./usage-error.js";
export type { ScenarioOptions } from "./scenario-options.js";

export interface RunOptions {
  readonly sinks?: Omit<JobSinks, "onProgress" | "signal">;
  /** Progress of the whole run: jobs done, jobs in all, the running job's label and share done. */
  readonly onProgress?: (done: number, total: number, label: string, jobFraction: number) => void;
  /** Stops the run between slices of events: it then throws the signal's reason. */
  readonly signal?: AbortSignal;
  /** The scenario's expected size, when already known (counting a trace's rows reads it). */
  readonly expected?: ExpectedRequests;
  /** The profiles every job starts from (run-profiles-io.ts). */
  readonly startProfiles?: StartingProfiles;
}

export interface PipelineResult {
  readonly report: RunReport;
  readonly timeseries: TimeseriesRow[];
  /** Bad trace rows skipped in lenient replay, over all jobs. */
  readonly skippedRows: number;
  /** With profiles: what the run learned, to be saved (run-profiles-io.ts). */
  readonly learned: readonly ProfileObservation[];
}

/**
 * Stages load, validate and normalize, with `options` part of the scenario;
 * a sweep block's points are checked too (sweep-pipeline.ts runs them).
 */
export function loadAndValidate(file: string, options: ScenarioOptions = {}): NormalizedScenario {
  const loaded = withOptions(loadScenarioFile(file), options);
  try {
    const scenario = validateScenario(loaded);
    sweepPoints(loaded);
    return scenario;
  } catch (e) {
    throw e instanceof ScenarioError ? blameOptions(e, options) : e;
  }
}

/** Stages expand, run and aggregate; refused beyond the scenario's request limit. */
export async function runScenario(
  s: NormalizedScenario,
  opts: RunOptions = {},
): Promise<PipelineResult> {
  checkRequestLimit(s, opts.expected ?? expectedRequests(s));
  const jobs = expandJobs(s);
  const programs = await workloadPrograms(s);
  const results: JobResult[] = [];
  for (const job of jobs) {
    const label = s.policies[job.policyIndex]!.label;
    const report = opts.onProgress;
    report?.(results.length, jobs.length, label, 0);
    const sinks: JobSinks = {
      ...opts.sinks,
      ...(report
        ? { onProgress: (f: number) => report(results.length, jobs.length, label, f) }
        : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
    };
    results.push(await runJob(s, job, sinks, programs, opts.startProfiles));
    report?.(results.length, jobs.length, label, 1);
  }
  const policies = aggregate(
    results,
    s.policies.map((p) => p.label),
  );
  return {
    report: {
      scenario: s.name,
      description: s.description,
      seed: s.seed,
      horizonS: s.horizonS,
      slaLatencyS: s.slaLatencyS,
      replications: s.replications,
      policies,
    },
    timeseries: results.flatMap((r) => (r.job.replication === 0 ? r.timeseries : [])),
    skippedRows: results.reduce((a, r) => a + r.skippedRows, 0),
    learned: opts.startProfiles ? learnedObservations(results) : [],
  };
}

export interface PipelineRequest extends RunOptions {
  readonly file: string;
  readonly options?: ScenarioOptions;
  /** The directory to write the reports to; none: nothing is written. */
  readonly out?: string;
  /** Also write requests.csv, a row per request (needs `out`). */
  readonly requests?: boolean;
  /** Called once the scenario is valid, before anything runs. */
  readonly onPlan?: (scenario: NormalizedScenario, expected: ExpectedRequests) => void;
  /**
   * A profile database (a SQLite file, or a postgres:// URL): the run starts
   * from its profiles and, once it has run, saves what it learned there.
   */
  readonly profiles?: string;
}

export interface PipelineRun extends PipelineResult {
  readonly scenario: NormalizedScenario;
  /** The files written into `out`, by name. */
  readonly written: readonly string[];
  /** With `profiles`: what the run started from and saved. */
  readonly profilesUsed?: ProfilesUsed;
}

/** Every stage, from the scenario file to the files of `out`. */
export async function runPipeline(req: PipelineRequest): Promise<PipelineRun> {
  const scenario = loadAndValidate(req.file, req.options);
  const expected = expectedRequests(scenario);
  checkRequestLimit(scenario, expected);
  const dir = req.out === undefined ? undefined : new RunDirectory(req.out);
  req.onPlan?.(scenario, expected);
  const start = req.profiles === undefined ? undefined : await loadProfiles(req.profiles);
  let requests: RequestsCsv | undefined;
  try {
    requests = dir && req.requests ? new RequestsCsv(dir.path("requests.csv")) : undefined;
    const csv = requests;
    const digest = dir ? new RequestDigest(scenario.horizonS) : undefined;
    const onRequestEnd = req.sinks?.onRequestEnd;
    const sinks =
      csv || digest || onRequestEnd
        ? {
            ...req.sinks,
            onRequestEnd: (r: RequestRecord) => {
              onRequestEnd?.(r);
              csv?.add(r);
              digest?.record(r);
            },
          }
        : req.sinks;
    const result = await runScenario(scenario, {
      expected,
      ...(sinks ? { sinks } : {}),
      ...(req.onProgress ? { onProgress: req.onProgress } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      ...(start ? { startProfiles: start } : {}),
    });
    requests?.close();
    const written = dir
      ? writeRun(dir, {
          report: result.report,
          timeseries: result.timeseries,
          scenarioFile: req.file,
          requests: digest!.data(),
        })
      : [];
    // Saved only once the run is whole and its reports are written.
    if (start) await saveProfiles(req.profiles!, result.learned);
    return {
      ...result,
      scenario,
      written,
      ...(start ? { profilesUsed: profilesUsed(req.profiles!, start, result.learned.length) } : {}),
    };
  } finally {
    try {
      requests?.close();
    } finally {
      dir?.discard();
    }
  }
}
