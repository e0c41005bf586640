/**
 * Stages `validate` and `normalize`: check a loaded scenario against the
 * schema, the policy registry and the catalog, reporting every problem at
 * once with its path and line; then resolve it into plain numbers.
 */
import type { z } from "zod";
import { DEFAULT_CATALOG } from "../model/catalog/default-catalog.js";
import type { BillingRule, Catalog, InstanceType } from "../model/catalog/types.js";
import { findPolicy, policyNames } from "../policies/registry.js";
import type { Policy } from "../policies/types.js";
import type { DistSpec } from "../random/spec.js";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { SynthWorkload } from "../../traces/synth/workload.js";
import { azure2019Days, type Azure2019Files } from "../../traces/import/azure2019.js";
import type { ReplayOptions } from "../../traces/trace-source.js";
import { formatPath, ScenarioError, type PathKey, type ScenarioIssue } from "./issues.js";
import type { LoadedScenario } from "./load.js";
import { allowedKeys } from "./schema-keys.js";
import { scenarioSchema, type Scenario } from "./schema.js";
import { closest } from "./suggest.js";

export type ImportSource =
  | { readonly format: "azure2019"; readonly days: readonly Azure2019Files[] }
  | { readonly format: "azure2021"; readonly file: string; readonly reorderWindowS: number };

export type Workload =
  | { readonly kind: "synth"; readonly synth: SynthWorkload; readonly codeDir: string | null }
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
  readonly workload: Workload;
  readonly queueCapacity: number;
  readonly queueTimeoutS: number;
  readonly retryOutOfMemory: boolean;
  readonly migrationFixedS: number;
  readonly noticeLookaheadS: number;
  readonly migrationMiBPerS: number;
  readonly policies: readonly PolicyRun[];
  readonly replications: number;
  readonly sampleIntervalS: number;
  /** A run expected to simulate more requests than this is refused. */
  readonly maxRequests: number;
}

export function validateScenario(loaded: LoadedScenario): NormalizedScenario {
  const issues: ScenarioIssue[] = [];
  const report = (path: readonly PathKey[], message: string, key?: string) => {
    const pos = loaded.map.locate(path, key);
    const full = key === undefined ? path : [...path, key];
    issues.push({ file: loaded.file, path: formatPath(full), ...pos, message });
  };
  const parsed = scenarioSchema.safeParse(loaded.data);
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, [], [], scenarioSchema, loaded.data, report);
    throw new ScenarioError(issues);
  }
  const s = parsed.data;
  const catalog = buildCatalog(s, report);
  const policies = s.policies.map((entry, i) =>
    resolvePolicy(entry, i, catalog, loaded.data, report),
  );
  const labels = new Set<string>();
  policies.forEach((p, i) => {
    if (p && labels.has(p.label))
      report(["policies", i], `two policies are labelled "${p.label}": give one a name`);
    if (p) labels.add(p.label);
  });
  s.run.policies.forEach((wanted, i) => {
    if (policies.some((p) => p && (p.label === wanted || p.policy.name === wanted))) return;
    const labels = policies.flatMap((p) => (p ? [p.label] : []));
    report(
      ["run", "policies", i],
      `"${wanted}" is not in the scenario; it has ${labels.join(", ")}`,
    );
  });
  checkPaths(s, dirname(loaded.file), report);
  if (issues.length > 0) throw new ScenarioError(issues);
  return normalize(s, catalog, policies as PolicyRun[], dirname(loaded.file));
}

type Report = (path: readonly PathKey[], message: string, key?: string) => void;

/**
 * Reports zod issues of `schema`, which validates the value at `base` in
 * the document; union failures are narrowed to the branch the value meant.
 */
function reportZodIssues(
  list: readonly z.core.$ZodIssue[],
  base: readonly PathKey[],
  within: readonly PathKey[],
  schema: z.ZodType,
  value: unknown,
  report: Report,
) {
  for (const issue of list) {
    const rel = [...within, ...(issue.path as PathKey[])];
    const path = [...base, ...rel];
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedKeys(schema, rel);
      for (const key of issue.keys) {
        const hint = closest(key, allowed);
        const known = allowed.length > 0 ? `; known keys: ${allowed.join(", ")}` : "";
        report(
          path,
          `unknown key "${key}"${hint ? ` (did you mean "${hint}"?)` : ""}${known}`,
          key,
        );
      }
    } else if (issue.code === "invalid_union") {
      // The branches whose own keys matched are the ones the author meant.
      const meant = issue.errors.filter(
        (b) =>
          b.length > 0 && !b.some((e) => e.code === "unrecognized_keys" && e.path.length === 0),
      );
      if (meant.length > 0) {
        const best = meant.reduce((a, b) => (b.length < a.length ? b : a));
        reportZodIssues(best, base, rel, schema, value, report);
      } else {
        const options = allowedKeys(schema, rel);
        const given = valueAt(value, rel);
        const keys = given && typeof given === "object" ? Object.keys(given) : [];
        const hint = keys.length === 1 ? closest(keys[0]!, options) : undefined;
        report(
          path,
          options.length > 0
            ? `expected one of: ${options.join(", ")}${hint ? ` (did you mean "${hint}"?)` : ""}`
            : issue.message,
        );
      }
    } else {
      report(path, issue.message);
    }
  }
}

function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let v = value;
  for (const k of path)
    v = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

function buildCatalog(s: Scenario, report: Report): Catalog {
  const types = new Map(DEFAULT_CATALOG);
  for (const [name, o] of Object.entries(s.catalog.types)) {
    const base = types.get(name);
    const path = ["catalog", "types", name];
    const missing = ["kind", "vcpu", "memory", "usdPerHour", "billing", "boot"].filter(
      (k) => base === undefined && o[k as keyof typeof o] === undefined,
    );
    if (missing.length > 0) {
      report(
        path,
        `a new instance type needs ${missing.join(", ")} (or name a default type to override it)`,
      );
      continue;
    }
    const billing: BillingRule | undefined = o.billing
      ? o.billing.kind === "per-second"
        ? { kind: "per-second", minimumS: o.billing.minimum }
        : o.billing.kind === "hourly"
          ? { kind: "hourly" }
          : {
              kind: "per-request",
              incrementS: o.billing.increment,
              usdPerGbSecond: o.billing.usdPerGbSecond,
              usdPerRequest: o.billing.usdPerMillionRequests / 1e6,
            }
      : undefined;
    const t: InstanceType = {
      name,
      kind: o.kind ?? base!.kind,
      vcpu: o.vcpu ?? base!.vcpu,
      memMiB: o.memory ?? base!.memMiB,
      gpus: o.gpus ?? base?.gpus ?? 0,
      ...((o.gpuModel ?? base?.gpuModel) ? { gpuModel: o.gpuModel ?? base?.gpuModel } : {}),
      usdPerHour: o.usdPerHour ?? base!.usdPerHour,
      billing: billing ?? base!.billing,
      boot: (o.boot as DistSpec | undefined) ?? base!.boot,
      resize: (o.resize as DistSpec | undefined) ?? base?.resize ?? { kind: "constant", value: 60 },
      source: o.source ?? (base ? `${base.source}; overridden in the scenario` : "the scenario"),
      asOf: o.asOf ?? base?.asOf ?? "",
    };
    if ((t.kind === "faas") !== (t.billing.kind === "per-request")) {
      report(
        path,
        `a ${t.kind} type needs ${t.kind === "faas" ? "per-request" : "per-second or hourly"} billing`,
      );
    }
    types.set(name, t);
  }
  return types;
}

function resolvePolicy(
  entry: Scenario["policies"][number],
  i: number,
  catalog: Catalog,
  raw: unknown,
  report: Report,
): PolicyRun | undefined {
  const policy = findPolicy(entry.policy);
  if (!policy) {
    const hint = closest(entry.policy, policyNames());
    report(
      ["policies", i, "policy"],
      `unknown policy "${entry.policy}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid policies: ${policyNames().join(", ")}`,
    );
    return undefined;
  }
  const parsed = policy.configSchema.safeParse(entry.config);
  if (!parsed.success) {
    const base = ["policies", i, "config"];
    reportZodIssues(parsed.error.issues, base, [], policy.configSchema, entry.config, report);
    return undefined;
  }
  for (const type of policy.typesUsed(parsed.data)) {
    if (catalog.has(type)) continue;
    const hint = closest(type, catalog.keys());
    const where = pathOfValue((raw as { policies?: unknown[] }).policies?.[i], type) ?? [];
    report(
      [...["policies", i], ...where],
      `unknown instance type "${type}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid types: ${[...catalog.keys()].join(", ")}`,
    );
  }
  return { label: entry.name ?? policy.name, policy, config: parsed.data };
}

/** The path at which `value` appears (as a value or a key) inside `obj`. */
function pathOfValue(obj: unknown, value: string): PathKey[] | undefined {
  if (obj === value) return [];
  if (obj && typeof obj === "object") {
    for (const [k, v] of Object.entries(obj)) {
      if (k === value) return [Array.isArray(obj) ? Number(k) : k];
      const sub = pathOfValue(v, value);
      if (sub) return [Array.isArray(obj) ? Number(k) : k, ...sub];
    }
  }
  return undefined;
}

/** Every file or directory the workload names must exist. */
function checkPaths(s: Scenario, baseDir: string, report: Report): void {
  const w = s.workload as Record<string, Record<string, unknown>>;
  const kind = Object.keys(w)[0]!;
  const check = (path: PathKey[], value: unknown, what: string) => {
    if (Array.isArray(value)) value.forEach((v, i) => check([...path, i], v, what));
    else if (typeof value === "string" && !existsSync(resolve(baseDir, value))) {
      report(["workload", kind, ...path], `no such ${what}: ${resolve(baseDir, value)}`);
    }
  };
  const spec = w[kind]!;
  check(["code"], spec.code, "code directory");
  check(["file"], spec.file, "trace file");
  const importFiles = {
    azure2019: ["invocations", "durations", "memory"],
    azure2021: ["file"],
  };
  for (const [format, keys] of Object.entries(importFiles)) {
    const files = spec[format] as Record<string, unknown> | undefined;
    for (const k of keys) check([format, k], files?.[k], "file");
  }
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
            lead: w.notifications.lead as DistSpec,
            accuracy: w.notifications.accuracy,
          }
        : null,
      functions: w.functions,
      zipfExponent: w.zipf,
      cpuSeconds: w.cpu as DistSpec,
      cpuVariation: w.cpuVariation,
      ...(w.cpuFactor && { cpuFactor: w.cpuFactor as DistSpec }),
      ...(w.coldExtra && { coldExtra: w.coldExtra as DistSpec }),
      parallelFraction: w.parallelFraction,
      memMiB: w.memory as DistSpec,
      gpuShare: w.gpu.share,
      gpuSpeedup: w.gpu.speedup,
    },
  };
}

function normalize(
  s: Scenario,
  catalog: Catalog,
  policies: PolicyRun[],
  baseDir: string,
): NormalizedScenario {
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
