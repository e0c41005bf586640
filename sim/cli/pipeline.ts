/**
 * The pipeline of one `sim run`, stage by stage:
 *   load -> validate -> normalize -> expand -> run -> aggregate -> write
 * load reads the YAML; validate and normalize check it and resolve units,
 * catalog and policies; expand makes the jobs; run simulates each; aggregate
 * makes one summary per policy; write puts the reports where asked.
 */
import { loadScenarioFile } from "../scenario/load.js";
import { validateScenario, type NormalizedScenario } from "../scenario/validate.js";
import { expandJobs } from "../run/expand.js";
import { runJob, type JobResult, type JobSinks } from "../run/run-job.js";
import { aggregate } from "../run/aggregate.js";
import { loadCodeCorpus } from "../../traces/code-corpus.js";
import type { RunReport } from "../../reports/summary-report.js";
import type { TimeseriesRow } from "../model/summary.js";

export interface RunOptions {
  readonly seed?: number;
  /** Labels or policy names to keep; all when empty. */
  readonly policies?: readonly string[];
  readonly sinks?: JobSinks;
  /** Progress of the whole run: jobs done, jobs in all, the running job's label and share done. */
  readonly onProgress?: (done: number, total: number, label: string, jobFraction: number) => void;
}

export interface PipelineResult {
  readonly report: RunReport;
  readonly timeseries: TimeseriesRow[];
  /** Bad trace rows skipped in lenient replay, over all jobs. */
  readonly skippedRows: number;
}

export function loadAndValidate(file: string): NormalizedScenario {
  return validateScenario(loadScenarioFile(file));
}

export async function runScenario(
  scenario: NormalizedScenario,
  opts: RunOptions = {},
): Promise<PipelineResult> {
  const s = select(scenario, opts);
  const jobs = expandJobs(s);
  // The code is analyzed once, for every job.
  const programs =
    s.workload.kind === "synth" && s.workload.codeDir
      ? await loadCodeCorpus(s.workload.codeDir)
      : [];
  const results: JobResult[] = [];
  for (const job of jobs) {
    const label = s.policies[job.policyIndex]!.label;
    const report = opts.onProgress;
    const sinks: JobSinks = report
      ? { ...opts.sinks, onProgress: (f) => report(results.length, jobs.length, label, f) }
      : (opts.sinks ?? {});
    results.push(await runJob(s, job, sinks, programs));
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
  };
}

function select(s: NormalizedScenario, opts: RunOptions): NormalizedScenario {
  let out = s;
  if (opts.seed !== undefined) out = { ...out, seed: opts.seed };
  const wanted = opts.policies ?? [];
  if (wanted.length > 0) {
    const keep = s.policies.filter(
      (p) => wanted.includes(p.label) || wanted.includes(p.policy.name),
    );
    const missing = wanted.filter(
      (w) => !s.policies.some((p) => p.label === w || p.policy.name === w),
    );
    if (missing.length > 0) {
      throw new UsageError(
        `--policy ${missing.join(", ")}: not in the scenario; it has ${s.policies.map((p) => p.label).join(", ")}`,
      );
    }
    out = { ...out, policies: keep };
  }
  return out;
}

/** A mistake on the command line: reported without a stack, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
