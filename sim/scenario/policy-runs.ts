/**
 * The `policies:` section: each entry checked on its own, against the
 * registry (case-insensitive, with the valid names on a miss), then against
 * its policy's config schema, then the instance types it names against the
 * catalog.
 */
import type { z } from "zod";
import type { PolicyRun } from "./validate.js";
import type { Policy } from "../policies/types.js";
import { findPolicy, policyNames } from "../policies/registry.js";
import type { PathKey } from "./issues.js";
import type { Reporter } from "./reporter.js";
import type { ScenarioCatalog } from "./catalog-types.js";
import { anyPolicyEntry, policyEntrySchema } from "./policy-entry.js";
import { closest } from "./suggest.js";
import { withConfigFiles } from "./config-files.js";
import { isPlainObject, reportZodIssues } from "./zod-issues.js";

/** The runs of every valid entry; undefined when the section itself is missing or not a list. */
export function resolvePolicies(
  doc: Record<string, unknown>,
  catalog: ScenarioCatalog,
  report: Reporter,
  baseDir: string,
): (PolicyRun | undefined)[] | undefined {
  const raw = doc.policies;
  if (raw === undefined) {
    report.missing(["policies"]);
    return undefined;
  }
  if (!Array.isArray(raw)) {
    report.at(["policies"], "expected a list of policies, such as `- policy: static`");
    return undefined;
  }
  if (raw.length === 0) report.at(["policies"], "name at least one policy");
  const runs = raw.map((entry, i) => resolveEntry(entry, i, doc, catalog, report, baseDir));
  const labels = new Set<string>();
  runs.forEach((p, i) => {
    if (p && labels.has(p.label))
      report.at(["policies", i], `two policies are labelled "${p.label}": give one a name`);
    if (p) labels.add(p.label);
  });
  return runs;
}

function resolveEntry(
  entry: unknown,
  i: number,
  doc: Record<string, unknown>,
  catalog: ScenarioCatalog,
  report: Reporter,
  baseDir: string,
): PolicyRun | undefined {
  const at: PathKey[] = ["policies", i];
  const name = isPlainObject(entry) ? entry.policy : undefined;
  const policy = typeof name === "string" ? findPolicy(name) : undefined;
  if (!isPlainObject(entry) || !policy) {
    const parsed = anyPolicyEntry.safeParse(entry);
    if (!parsed.success) reportZodIssues(parsed.error.issues, at, anyPolicyEntry, doc, report);
    if (typeof name === "string" && name !== "") {
      const hint = closest(name, policyNames());
      report.at(
        [...at, "policy"],
        `unknown policy "${name}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid policies: ${policyNames().join(", ")}`,
      );
    }
    return undefined;
  }
  const schema = policyEntrySchema(policy);
  const written = withConfigFiles(policy, entry.config, baseDir, [...at], report);
  const withFiles = written === entry.config ? entry : { ...entry, config: written };
  const parsed = schema.safeParse({ ...withFiles, policy: policy.name });
  if (!parsed.success) {
    reportZodIssues(parsed.error.issues, at, schema, doc, report);
    const rest = configWithout(policy, entry.config, parsed.error.issues);
    if (rest !== undefined) checkTypes(policy, rest, entry.config, at, catalog, report);
    return undefined;
  }
  const config = parsed.data.config ?? policy.configSchema.parse({});
  checkTypes(policy, config, entry.config, at, catalog, report);
  return { label: parsed.data.name ?? policy.name, policy, config };
}

/** Every instance type the config names must be in the catalog. */
function checkTypes(
  policy: Policy,
  config: unknown,
  written: unknown,
  at: readonly PathKey[],
  catalog: ScenarioCatalog,
  report: Reporter,
): void {
  for (const type of policy.typesUsed(config)) {
    if (catalog.known.has(type)) continue;
    const hint = closest(type, catalog.catalog.keys());
    const where = pathOfValue(written, type);
    const message = `unknown instance type "${type}"${hint ? ` (did you mean "${hint}"?)` : ""}; valid types: ${[...catalog.catalog.keys()].join(", ")}`;
    if (!where) report.at(at, message);
    else if (where.asKey) report.at([...at, "config", ...where.path.slice(0, -1)], message, type);
    else report.at([...at, "config", ...where.path], message);
  }
}

/**
 * The config with the keys that are wrong left out, if it is valid then
 * (their defaults standing in): the instance types of the rest are still
 * worth checking in the same run.
 */
function configWithout(
  policy: Policy,
  written: unknown,
  issues: readonly z.core.$ZodIssue[],
): unknown {
  if (!isPlainObject(written)) return undefined;
  const rest = { ...written };
  for (const issue of issues) {
    const [where, key] = issue.path;
    if (where !== "config") continue;
    if (key === undefined) {
      if (issue.code !== "unrecognized_keys") return undefined;
      for (const k of issue.keys) delete rest[k];
    } else delete rest[String(key)];
  }
  const parsed = policy.configSchema.safeParse(rest);
  return parsed.success ? parsed.data : undefined;
}

/** The path at which `value` appears (as a value or a key) inside `obj`. */
function pathOfValue(obj: unknown, value: string): { path: PathKey[]; asKey: boolean } | undefined {
  if (obj === value) return { path: [], asKey: false };
  if (obj && typeof obj === "object") {
    for (const [k, v] of Object.entries(obj)) {
      const key = Array.isArray(obj) ? Number(k) : k;
      if (k === value) return { path: [key], asKey: true };
      const sub = pathOfValue(v, value);
      if (sub) return { path: [key, ...sub.path], asKey: sub.asKey };
    }
  }
  return undefined;
}
