/**
 * Stages `validate` and `normalize`: check a loaded scenario against the
 * schema, the policy registry and the catalog, reporting every problem at
 * once with its path and line (each section, catalog type and policy entry
 * is checked on its own, so one problem hides no other); then resolve it
 * into plain numbers.
 */
import type { Catalog } from "../model/catalog/types.js";
import type { DistSpec } from "../random/spec.js";
import type { Policy } from "../policies/types.js";
import { dirname, resolve } from "node:path";
import type { SynthWorkload } from "../../traces/synth/workload.js";
import { azure2019Days, type Azure2019Files } from "../../traces/import/azure2019.js";
import type { ReplayOptions } from "../../traces/trace-source.js";
import { buildCatalog } from "./catalog-types.js";
import { buildProfiles } from "./profile-specs.js";
import type { Profiles } from "../model/profiles.js";
import { ScenarioError } from "./issues.js";
import type { LoadedScenario } from "./load.js";
import { resolvePlan, type NormalizedPlan } from "./plan-section.js";
import { resolvePolicies } from "./policy-runs.js";
import { Reporter } from "./reporter.js";
import type { Scenario } from "./schema.js";
import { parseSections } from "./sections.js";
import { checkWorkloadPaths } from "./workload-paths.js";

export type ImportSource =
  | { readonly format: "azure2019"; readonly days: readonly Azure2019Files[] }
  | { readonly format: "azure2021"; readonly file: string; readonly reorderWindowS: number };

export type Workload =
  | {
      readonly kind: "synth";
      readonly synth: SynthWorkload;
      readonly codeDir: string | null;
      /** The files of codeDir its functions run, in order; null: all. */
      readonly programs: readonly string[] | null;
    }
  | {
      readonly kind: "trace";
      readonly file: string;
      readonly lenient: boolean;
      readonly replay: ReplayOptions;
      readonly codeDir: string | null;
    }
  | {
      readonly kind: "import";
      readonly source: ImportSource;
      readonly replay: ReplayOptions;
      readonly codeDir: string | null;
    };

export interface PolicyRun {
  /** Label in reports. */
  readonly label: string;
  readonly policy: Policy;
  readonly config: unknown;
}

/** A scenario resolved to plain numbers and objects, ready to expand into jobs. */
export interface NormalizedScenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly horizonS: number;
  readonly slaLatencyS: number;
  /** Share of ended requests to complete within slaLatencyS for a policy to meet the SLA. */
  readonly slaTarget: number;
  readonly catalog: Catalog;
  /** Resource profiles by name, priced. */
  readonly profiles: Profiles;
  readonly workload: Workload;
  readonly queueCapacity: number;
  readonly queueTimeoutS: number;
  readonly retryOutOfMemory: boolean;
  /** Jobs keep in-memory behavioral profiles even with no database given. */
  readonly recordProfiles: boolean;
  readonly migrationFixedS: number;
  readonly noticeLookaheadS: number;
  readonly migrationMiBPerS: number;
  readonly policies: readonly PolicyRun[];
  readonly replications: number;
  readonly sampleIntervalS: number;
  /** A run expected to simulate more requests than this is refused. */
  readonly maxRequests: number;
  /** What `sim plan` searches; null without a `plan:` section. */
  readonly plan: NormalizedPlan | null;
}

export function validateScenario(loaded: LoadedScenario): NormalizedScenario {
  const report = new Reporter(loaded.file, loaded.map);
  const baseDir = dirname(loaded.file);
  // load has made sure the top level is a mapping.
  const doc = loaded.data as Record<string, unknown>;
  const sections = parseSections(doc, report);
  const catalog = buildCatalog(doc.catalog, report);
  const profiles = buildProfiles(doc.profiles, catalog.catalog, report);
  const policies = resolvePolicies(doc, catalog, report, baseDir);
  checkRunPolicies(sections.run as Scenario["run"] | undefined, policies, report);
  checkWorkloadPaths(doc.workload, baseDir, report);
  const planSection = sections.plan as Scenario["plan"];
  const sla = sections.sla as Scenario["sla"] | undefined;
  const plan = planSection ? resolvePlan(doc, planSection, sla, report) : null;
  const issues = report.issues();
  if (issues.length > 0) throw new ScenarioError(issues);
  // Every section parsed and every policy resolved, or there would be issues.
  const normalized = normalize(
    sections as Scenario,
    catalog.catalog,
    policies as PolicyRun[],
    baseDir,
  );
  return { ...normalized, plan: plan ?? null, profiles };
}

/** Each policy `run.policies` names (or `sim run --policy`) must be in the scenario. */
function checkRunPolicies(
  run: Scenario["run"] | undefined,
  policies: readonly (PolicyRun | undefined)[] | undefined,
  report: Reporter,
): void {
  if (!policies) return;
  const labels = policies.flatMap((p) => (p ? [p.label] : []));
  run?.policies.forEach((wanted, i) => {
    if (policies.some((p) => p && (p.label === wanted || p.policy.name === wanted))) return;
    report.at(
      ["run", "policies", i],
      `"${wanted}" is not in the scenario; it has ${labels.join(", ")}`,
    );
  });
}

/** One file or a list of them, as paths from the scenario's directory. */
function pathList(files: string | string[], baseDir: string): string[] {
  return (typeof files === "string" ? [files] : files).map((f) => resolve(baseDir, f));
}

function workloadOf(s: Scenario, baseDir: string): Workload {
  const at = (p: string | undefined) => (p === undefined ? null : resolve(baseDir, p));
  const replayOf = (r: {
    parallelFraction: number;
    defaultMemory: number;
    defaultCpu: number;
  }) => ({
    parallelFraction: r.parallelFraction,
    defaultMemMiB: r.defaultMemory,
    defaultCpuSeconds: r.defaultCpu,
  });
  if ("trace" in s.workload) {
    const t = s.workload.trace;
    return {
      kind: "trace",
      file: resolve(baseDir, t.file),
      lenient: t.lenient,
      replay: replayOf(t),
      codeDir: at(t.code),
    };
  }
  if ("import" in s.workload) {
    const i = s.workload.import;
    const source: ImportSource = i.azure2019
      ? {
          format: "azure2019",
          // The schema has checked the lists' lengths.
          days: azure2019Days(
            pathList(i.azure2019.invocations, baseDir),
            pathList(i.azure2019.durations, baseDir),
            pathList(i.azure2019.memory, baseDir),
          ),
        }
      : {
          format: "azure2021",
          file: resolve(baseDir, i.azure2021!.file),
          reorderWindowS: i.azure2021!.reorderWindow,
        };
    return { kind: "import", source, replay: replayOf(i), codeDir: at(i.code) };
  }
  const w = s.workload.synth;
  return {
    kind: "synth",
    codeDir: w.code === undefined ? null : resolve(baseDir, w.code),
    programs: w.programs ?? null,
    synth: {
      ratePerS: w.rate,
      pattern:
        w.pattern === "poisson"
          ? { kind: "poisson" }
          : "diurnal" in w.pattern
            ? {
                kind: "diurnal",
                amplitude: w.pattern.diurnal.amplitude,
                periodS: w.pattern.diurnal.period,
                peakS: w.pattern.diurnal.peak,
                noise: w.pattern.diurnal.noise,
                noiseStepS: w.pattern.diurnal.noiseStep,
              }
            : {
                kind: "bursty",
                burstRatePerS: w.pattern.bursty.burstRate,
                meanOnS: w.pattern.bursty.meanOn,
                meanOffS: w.pattern.bursty.meanOff,
              },
      notifications: w.notifications
        ? {
            share: w.notifications.share,
            lead: w.notifications.lead,
            accuracy: w.notifications.accuracy,
          }
        : null,
      functions: w.functions,
      zipfExponent: w.zipf,
      cpuSeconds: w.cpu,
      cpuVariation: w.cpuVariation,
      ...(w.cpuFactor && { cpuFactor: w.cpuFactor as DistSpec }),
      ...(w.coldExtra && { coldExtra: w.coldExtra as DistSpec }),
      parallelFraction: w.parallelFraction,
      memMiB: w.memory,
      gpuShare: w.gpu.share,
      gpuSpeedup: w.gpu.speedup,
      ...(w.input && {
        input: {
          size: w.input.size as DistSpec,
          spread: w.input.spread as DistSpec,
          referenceBytes: w.input.reference * 1024 * 1024,
          paramSets: w.input.paramSets,
          noise: w.input.noise,
        },
      }),
      ...(w.requestedProfiles && {
        requestedProfiles: w.requestedProfiles.map((r) => ({
          profile: r.profile,
          share: r.share,
          ...(r.functions ? { functions: r.functions } : {}),
        })),
      }),
      ...(w.classes && {
        classes: w.classes.map((c) => ({
          name: c.name,
          share: c.share,
          priority: c.priority,
          ...(c.sla === undefined ? {} : { slaLatencyS: c.sla }),
        })),
      }),
    },
  };
}

function normalize(
  s: Scenario,
  catalog: Catalog,
  policies: PolicyRun[],
  baseDir: string,
): Omit<NormalizedScenario, "plan" | "profiles"> {
  return {
    name: s.name,
    description: s.description ?? "",
    seed: s.seed,
    horizonS: s.duration,
    slaLatencyS: s.sla.latency,
    slaTarget: s.sla.attainment,
    catalog,
    workload: workloadOf(s, baseDir),
    queueCapacity: s.queue.capacity,
    queueTimeoutS: s.queue.timeout ?? Infinity,
    retryOutOfMemory: s.execution.retryOutOfMemory,
    recordProfiles: s.execution.profiles,
    migrationFixedS: s.execution.migration.fixed,
    noticeLookaheadS: s.execution.noticeLookahead,
    migrationMiBPerS: s.execution.migration.bandwidthPerSecond,
    // Only the policies `run.policies` names, when it names any.
    policies: policies.filter(
      (p) =>
        s.run.policies.length === 0 ||
        s.run.policies.includes(p.label) ||
        s.run.policies.includes(p.policy.name),
    ),
    replications: s.replications,
    sampleIntervalS: s.output.interval,
    maxRequests: s.run.maxRequests,
  };
}
