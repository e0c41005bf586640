/**
 * `sim plan`, stage by stage:
 *
 *   load -> validate -> normalize -> expand -> search -> report
 *
 * load and validate as for a run (the plan section is checked with the
 * rest); expand writes every combination of the plan's dimensions into the
 * configured policy entry and validates each as a scenario (candidates.ts);
 * search runs replications of candidates through a job runner until the
 * cheapest that meets the SLA with 95% confidence is known (search.ts);
 * report gives the plain data every output is drawn from.
 */
import type { PlanReport } from "../../../reports/plan/plan-report.js";
import { ScenarioError } from "../../scenario/issues.js";
import { loadScenarioFile, type LoadedScenario } from "../../scenario/load.js";
import { validateScenario, type NormalizedScenario } from "../../scenario/validate.js";
import { checkRequestLimit, expectedRequests } from "../expected-requests.js";
import { blameOptions, withOptions, type ScenarioOptions } from "../scenario-options.js";
import { UsageError } from "../usage-error.js";
import { workloadPrograms } from "../workload-source.js";
import { planCandidates, type Candidate } from "./candidates.js";
import { planReport } from "./plan-report-data.js";
import { sequentialRunner, type PlanJob, type PlanJobRunner } from "./run-jobs.js";
import { searchPlan, type SearchResult } from "./search.js";

export interface PlanRequest {
  readonly file: string;
  readonly options?: ScenarioOptions;
  /** After each run: runs done, the budget, and what ran. */
  readonly onRun?: (done: number, budget: number, job: PlanJob) => void;
  readonly signal?: AbortSignal;
  /** Runs the jobs; in order, in this process, when absent. */
  readonly runner?: PlanJobRunner;
}

export interface PlanRun {
  readonly scenario: NormalizedScenario;
  readonly result: SearchResult;
  readonly report: PlanReport;
}

function loadPlan(file: string, options: ScenarioOptions) {
  const loaded: LoadedScenario = withOptions(loadScenarioFile(file), options);
  let scenario: NormalizedScenario;
  try {
    scenario = validateScenario(loaded);
  } catch (e) {
    throw e instanceof ScenarioError ? blameOptions(e, options) : e;
  }
  if (!scenario.plan)
    throw new UsageError(
      `${file}: has no plan: section, so there is nothing to search (see scenarios/plan-fleet.yaml)`,
    );
  return { loaded, scenario };
}

/** Stages load to expand: the scenario and every candidate of its plan, each validated. */
export function expandPlan(
  file: string,
  options: ScenarioOptions = {},
): { scenario: NormalizedScenario; candidates: Candidate[] } {
  const { loaded, scenario } = loadPlan(file, options);
  return { scenario, candidates: planCandidates(loaded, scenario) };
}

export async function planPipeline(req: PlanRequest): Promise<PlanRun> {
  const { scenario, candidates } = expandPlan(req.file, req.options);
  // Every run simulates the same workload: the budget is the number of jobs at most.
  const perRun = expectedRequests(scenario);
  checkRequestLimit(scenario, { ...perRun, policies: 1, replications: scenario.plan!.budget });
  const runner = req.runner ?? sequentialRunner(await workloadPrograms(scenario), req.signal);
  const result = await searchPlan(scenario.plan!, candidates, runner, {
    ...(req.onRun ? { onRun: req.onRun } : {}),
  });
  return { scenario, result, report: planReport(scenario, result) };
}
