/**
 * The grid of a plan: every combination of its dimensions' values, each
 * written into the configured policy entry of the loaded document and
 * validated as a scenario of that one policy, so a candidate is checked and
 * normalized exactly as a file saying it would be. A value the policy or
 * the catalog refuses is reported at the plan, naming the candidate.
 */
import { ScenarioError, type PathKey, type ScenarioIssue } from "../../scenario/issues.js";
import type { LoadedScenario } from "../../scenario/load.js";
import type { NormalizedPlan, PlanDimension } from "../../scenario/plan-section.js";
import { Reporter } from "../../scenario/reporter.js";
import { validateScenario, type NormalizedScenario } from "../../scenario/validate.js";
import { isPlainObject } from "../../scenario/zod-issues.js";

export interface Candidate {
  readonly index: number;
  /** What it sets, as "name=value" pairs: `type=c5.large, instances=4`. */
  readonly label: string;
  /** Each dimension's value, by dimension name. */
  readonly settings: Readonly<Record<string, unknown>>;
  /** The scenario of this configuration, its one policy the configured entry. */
  readonly scenario: NormalizedScenario;
}

/** Issues of candidates reported at most; the rest are counted. */
const MAX_ISSUES = 10;

type Doc = Record<string, unknown>;

const valueText = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));

/** Every combination, as indices into each dimension's values, the first varying slowest. */
function combinations(dims: readonly PlanDimension[]): number[][] {
  let out: number[][] = [[]];
  for (const d of dims) out = out.flatMap((prefix) => d.values.map((_, k) => [...prefix, k]));
  return out;
}

function setAt(target: Doc, keys: readonly string[], value: unknown): void {
  let at = target;
  for (const k of keys.slice(0, -1)) {
    const next = isPlainObject(at[k]) ? { ...at[k] } : {};
    at[k] = next;
    at = next;
  }
  at[keys[keys.length - 1]!] = value;
}

/** The entry's config with one combination written in. */
function configWith(
  config: Doc,
  plan: NormalizedPlan,
  values: readonly unknown[],
): { config: Doc; settings: Record<string, unknown> } {
  const out: Doc = structuredClone(config);
  const settings: Record<string, unknown> = {};
  plan.dimensions.forEach((d, i) => (settings[d.name] = values[i]));
  const type = settings.type as string | undefined;
  const instances = settings.instances as number | undefined;
  if (plan.hasFleet && (type !== undefined || instances !== undefined)) {
    const fleet = out.fleet as Record<string, number>;
    const baseTypes = Object.keys(fleet);
    const baseCount = Object.values(fleet).reduce((a, b) => a + b, 0);
    // plan-section.ts has checked that a fleet sized without types has one type.
    out.fleet = { [type ?? baseTypes[0]!]: instances ?? baseCount };
  } else if (type !== undefined) out.type = type;
  for (const d of plan.dimensions) if (d.kind === "parameter") setAt(out, d.keys, settings[d.name]);
  return { config: out, settings };
}

/**
 * Where in the plan a candidate's problem comes from: the value of the
 * dimension that sets the config path the problem is at, or the plan as a
 * whole (naming the candidate) when none does.
 */
function blame(
  issue: ScenarioIssue,
  plan: NormalizedPlan,
  combo: readonly number[],
  label: string,
): { path: PathKey[]; message: string } {
  const under = (keys: readonly string[]) => {
    const p = `policies[0].config.${keys.join(".")}`;
    return issue.path === p || issue.path.startsWith(`${p}.`) || issue.path.startsWith(`${p}[`);
  };
  const at = (d: PlanDimension) => {
    const k = combo[plan.dimensions.indexOf(d)]!;
    const value = valueText(d.values[k]);
    if (d.kind === "type") return { path: ["plan", "types", k], value };
    if (d.kind === "instances")
      return { path: d.listed ? ["plan", "instances", k] : ["plan", "instances"], value };
    return {
      path: d.listed ? ["plan", "parameters", d.name, k] : ["plan", "parameters", d.name],
      value,
    };
  };
  const fleetKeys = plan.hasFleet ? ["fleet"] : ["type"];
  const dim =
    plan.dimensions.find((d) => d.kind === "parameter" && under(d.keys)) ??
    plan.dimensions.find((d) => d.kind === "type" && under(fleetKeys)) ??
    plan.dimensions.find((d) => d.kind === "instances" && under(["fleet"]));
  const relative = issue.path.replace(/^policies\[0\]\.config\.?/, "config.");
  if (!dim) return { path: ["plan"], message: `candidate ${label}: ${relative}: ${issue.message}` };
  const { path, value } = at(dim);
  return { path, message: `${value}: ${relative}: ${issue.message}` };
}

export function planCandidates(loaded: LoadedScenario, base: NormalizedScenario): Candidate[] {
  const plan = base.plan;
  if (!plan) throw new Error("planCandidates needs a scenario with a plan section");
  const doc = loaded.data as Doc;
  const entry = (doc.policies as unknown[])[plan.entryIndex] as Doc;
  const config = isPlainObject(entry.config) ? entry.config : {};
  const run = isPlainObject(doc.run) ? doc.run : {};
  const report = new Reporter(loaded.file, loaded.map);
  const candidates: Candidate[] = [];
  for (const combo of combinations(plan.dimensions)) {
    const values = combo.map((k, i) => plan.dimensions[i]!.values[k]);
    const { config: c, settings } = configWith(config, plan, values);
    const label = plan.dimensions.map((d) => `${d.name}=${valueText(settings[d.name])}`).join(", ");
    const data: Doc = {
      ...doc,
      policies: [{ ...entry, config: c }],
      run: { ...run, policies: [] },
    };
    delete data.plan;
    try {
      const scenario = validateScenario({ ...loaded, data });
      candidates.push({ index: candidates.length, label, settings, scenario });
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      for (const i of e.issues) {
        const { path, message } = blame(i, plan, combo, label);
        report.at(path, message);
      }
    }
  }
  const issues = report.issues();
  if (issues.length > MAX_ISSUES) {
    const more = issues.length - MAX_ISSUES;
    const last = issues[MAX_ISSUES - 1]!;
    throw new ScenarioError([
      ...issues.slice(0, MAX_ISSUES - 1),
      { ...last, message: `${last.message} (and ${more} more problems of candidates)` },
    ]);
  }
  if (issues.length > 0) throw new ScenarioError(issues);
  return candidates;
}
