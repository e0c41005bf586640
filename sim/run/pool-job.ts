/**
 * A job as a worker thread is given it: plain data (the scenario's text,
 * not its parsed form, which holds functions), so any thread, or the main
 * one, loads the same scenario and runs the same job. A planner makes
 * these with values of its own choosing; a sweep, one per point, policy
 * and replication.
 */
import type { RunSummary } from "../model/summary.js";
import { ScenarioError } from "../scenario/issues.js";
import { parseScenarioText } from "../scenario/load.js";
import { scenarioWith, type SweepValue } from "../scenario/sweep.js";
import type { NormalizedScenario } from "../scenario/validate.js";
import type { CodeProgram } from "../../traces/code-corpus.js";
import { runJob } from "./run-job.js";
import { withOptions, type ScenarioOptions } from "./scenario-options.js";
import { workloadPrograms } from "./workload-source.js";

export interface PoolJob {
  /** The scenario file's name (relative paths inside it resolve from its directory) and text. */
  readonly file: string;
  readonly text: string;
  readonly options: ScenarioOptions;
  /** Values replacing the scenario's own, by sweep path (sweep-path.ts); none: the scenario as written. */
  readonly values: readonly SweepValue[];
  readonly policyIndex: number;
  readonly replication: number;
}

export type PoolOutcome =
  | { readonly ok: true; readonly summary: RunSummary; readonly skippedRows: number }
  | { readonly ok: false; readonly error: string };

interface Loaded {
  readonly scenario: NormalizedScenario;
  readonly programs: readonly CodeProgram[];
}

/** Scenarios already loaded by this thread, by what makes them: jobs of one point share one. */
const loadedScenarios = new Map<string, Promise<Loaded>>();
const MAX_LOADED = 64;

async function load(job: PoolJob): Promise<Loaded> {
  const loaded = withOptions(parseScenarioText(job.file, job.text), job.options);
  const { sweep: _, ...data } = loaded.data as Record<string, unknown>;
  const plain = { ...loaded, data };
  const scenario = scenarioWith(plain, job.values);
  return { scenario, programs: await workloadPrograms(scenario) };
}

function loadCached(job: PoolJob): Promise<Loaded> {
  const key = JSON.stringify([job.file, job.text, job.options, job.values]);
  let hit = loadedScenarios.get(key);
  if (!hit) {
    if (loadedScenarios.size >= MAX_LOADED) loadedScenarios.clear();
    hit = load(job);
    loadedScenarios.set(key, hit);
  }
  return hit;
}

/** Runs one job; a failure is its outcome, with its message, never a throw. */
export async function runPoolJob(job: PoolJob, signal?: AbortSignal): Promise<PoolOutcome> {
  try {
    const { scenario, programs } = await loadCached(job);
    const result = await runJob(
      scenario,
      { index: 0, policyIndex: job.policyIndex, replication: job.replication },
      signal ? { signal } : {},
      programs,
    );
    return { ok: true, summary: result.summary, skippedRows: result.skippedRows };
  } catch (e) {
    if (signal?.aborted && e === signal.reason) throw e;
    const message =
      e instanceof ScenarioError ? e.message : e instanceof Error ? e.message : String(e);
    return { ok: false, error: message };
  }
}
