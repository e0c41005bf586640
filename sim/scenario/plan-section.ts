/**
 * The `plan:` section resolved against the rest of the scenario: which
 * policy entry it configures, whether that entry has a fleet to size, the
 * grid of each dimension and the SLA criteria with their defaults. Problems
 * go to the reporter, positioned like every other.
 */
import type { PathKey } from "./issues.js";
import type { PlanSection } from "./plan-schema.js";
import type { Reporter } from "./reporter.js";
import type { Scenario } from "./schema.js";
import { isPlainObject } from "./zod-issues.js";

/** A figure of a run judged against a limit. */
export type SlaMetric = "attainment" | "p99" | "coldStartRatio" | "meanQueueWait";

export interface SlaCriterion {
  readonly metric: SlaMetric;
  /** "min": the metric must be at least the limit; "max": at most. */
  readonly bound: "min" | "max";
  readonly limit: number;
}

/** One axis of the search: where in the policy entry's config, and the values tried. */
export interface PlanDimension {
  readonly name: string;
  readonly kind: "type" | "instances" | "parameter";
  /** Keys inside the entry's config (for a parameter). */
  readonly keys: readonly string[];
  readonly values: readonly unknown[];
  /** Whether the plan lists the values (true) or gives a range (false). */
  readonly listed: boolean;
}

export interface NormalizedPlan {
  /** Index of the configured entry in `policies`, as the file lists them. */
  readonly entryIndex: number;
  /** Whether the entry's config has a fixed fleet (config.fleet) that types and instances set. */
  readonly hasFleet: boolean;
  readonly dimensions: readonly PlanDimension[];
  readonly criteria: readonly SlaCriterion[];
  readonly budget: number;
  readonly initialReplications: number;
  readonly maxReplications: number;
  readonly runnersUp: number;
}

/** Candidates a grid may hold; a larger one is refused before anything runs. */
export const MAX_CANDIDATES = 5000;

/** `a.b[c.d].e` -> ["a", "b", "c.d", "e"]; undefined when malformed. */
export function parseConfigPath(path: string): string[] | undefined {
  const keys: string[] = [];
  const re = /([^.[\]]+)|\[([^\]]+)\]/gy;
  let at = 0;
  while (at < path.length) {
    re.lastIndex = at;
    const m = re.exec(path);
    if (!m) return undefined;
    keys.push((m[1] ?? m[2])!);
    at = re.lastIndex;
    if (path[at] === ".") {
      at++;
      if (at === path.length) return undefined;
    }
  }
  return keys.length > 0 ? keys : undefined;
}

function rangeValues(r: { min: number; max: number; step: number }): number[] {
  const out: number[] = [];
  // Counted, not accumulated, so 0.1 steps do not drift.
  const n = Math.floor((r.max - r.min) / r.step + 1e-9);
  for (let i = 0; i <= n; i++) out.push(Number((r.min + i * r.step).toPrecision(12)));
  return out;
}

const listOf = (v: unknown[] | { min: number; max: number; step: number }) =>
  Array.isArray(v) ? v : rangeValues(v);

function labelOf(entry: unknown): string | undefined {
  if (!isPlainObject(entry)) return undefined;
  if (typeof entry.name === "string") return entry.name;
  return typeof entry.policy === "string" ? entry.policy : undefined;
}

function criteriaOf(plan: PlanSection, sla: Scenario["sla"] | undefined): SlaCriterion[] {
  const out: SlaCriterion[] = [];
  const attainment = plan.sla.attainment ?? sla?.attainment;
  if (attainment !== undefined) out.push({ metric: "attainment", bound: "min", limit: attainment });
  if (plan.sla.p99 !== undefined) out.push({ metric: "p99", bound: "max", limit: plan.sla.p99 });
  if (plan.sla.coldStartRatio !== undefined)
    out.push({ metric: "coldStartRatio", bound: "max", limit: plan.sla.coldStartRatio });
  if (plan.sla.meanQueueWait !== undefined)
    out.push({ metric: "meanQueueWait", bound: "max", limit: plan.sla.meanQueueWait });
  return out;
}

/** The plan resolved, or undefined (with its problems reported) when it cannot be. */
export function resolvePlan(
  doc: Record<string, unknown>,
  plan: PlanSection,
  sla: Scenario["sla"] | undefined,
  report: Reporter,
): NormalizedPlan | undefined {
  const entries = Array.isArray(doc.policies) ? doc.policies : [];
  let entryIndex = 0;
  if (plan.policy !== undefined) {
    const byLabel = entries.findIndex((e) => labelOf(e) === plan.policy);
    entryIndex =
      byLabel >= 0
        ? byLabel
        : entries.findIndex((e) => isPlainObject(e) && e.policy === plan.policy);
    if (entryIndex < 0) {
      const labels = entries.map(labelOf).filter((l) => l !== undefined);
      report.at(
        ["plan", "policy"],
        `"${plan.policy}" is not in the scenario; it has ${labels.join(", ") || "no policies"}`,
      );
      return undefined;
    }
  }
  const entry = entries[entryIndex];
  const config = isPlainObject(entry) && isPlainObject(entry.config) ? entry.config : {};
  const hasFleet = isPlainObject(config.fleet);
  let ok = true;
  const dimensions: PlanDimension[] = [];
  if (plan.types)
    dimensions.push({ name: "type", kind: "type", keys: [], values: plan.types, listed: true });
  if (plan.instances) {
    if (!hasFleet) {
      report.at(
        ["plan", "instances"],
        `sizes a fixed fleet (config.fleet), and policy "${labelOf(entry) ?? entryIndex}" has none; search an autoscaler's bounds under parameters (minInstances, maxInstances)`,
      );
      ok = false;
    } else if (!plan.types && Object.keys(config.fleet as object).length !== 1) {
      report.at(
        ["plan", "instances"],
        "the fleet has several types: name the type to size in plan.types",
      );
      ok = false;
    }
    dimensions.push({
      name: "instances",
      kind: "instances",
      keys: [],
      values: listOf(plan.instances),
      listed: Array.isArray(plan.instances),
    });
  }
  for (const [path, vals] of Object.entries(plan.parameters)) {
    const keys = parseConfigPath(path);
    const at: PathKey[] = ["plan", "parameters"];
    if (!keys) {
      report.at(at, `"${path}" is not a path such as targetUtilization or fleet[m5.large]`, path);
      ok = false;
      continue;
    }
    if (hasFleet && keys[0] === "fleet" && (plan.types || plan.instances)) {
      report.at(at, `"${path}": the fleet is set by plan.types and plan.instances here`, path);
      ok = false;
    }
    dimensions.push({
      name: path,
      kind: "parameter",
      keys,
      values: listOf(vals),
      listed: Array.isArray(vals),
    });
  }
  if (dimensions.length === 0) {
    report.at(["plan"], "name something to search: types, instances or parameters");
    ok = false;
  }
  const candidates = dimensions.reduce((n, d) => n * d.values.length, 1);
  if (candidates > MAX_CANDIDATES) {
    report.at(
      ["plan"],
      `the grid has ${candidates} candidates, more than ${MAX_CANDIDATES}: search a coarser one`,
    );
    ok = false;
  }
  const criteria = criteriaOf(plan, sla);
  if (!ok) return undefined;
  return {
    entryIndex,
    hasFleet,
    dimensions,
    criteria,
    budget: plan.budget,
    initialReplications: plan.replications.initial,
    maxReplications: plan.replications.max,
    runnersUp: plan.runnersUp,
  };
}
