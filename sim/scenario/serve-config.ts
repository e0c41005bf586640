/**
 * The config of `sim serve`: a scenario's `policies:` block (each entry
 * checked as a scenario's is), with the `catalog:` whose types the policies
 * name and the `seed` of their random streams. Every problem is reported at
 * once with its path and line.
 */
import { dirname } from "node:path";
import { z } from "zod";
import { buildCatalog } from "./catalog-types.js";
import { ScenarioError } from "./issues.js";
import { loadScenarioFile } from "./load.js";
import { resolvePolicies } from "./policy-runs.js";
import { Reporter } from "./reporter.js";
import { scenarioSchema } from "./schema.js";
import { closest } from "./suggest.js";
import type { PolicyRun } from "./validate.js";
import { reportZodIssues } from "./zod-issues.js";

export interface ServeConfig {
  readonly seed: number;
  readonly policies: readonly PolicyRun[];
}

const sections = {
  seed: scenarioSchema.shape.seed,
  catalog: scenarioSchema.shape.catalog,
} satisfies Record<string, z.ZodType>;

const KEYS = ["policies", ...Object.keys(sections)];

export function loadServeConfig(file: string): ServeConfig {
  const loaded = loadScenarioFile(file);
  const report = new Reporter(loaded.file, loaded.map);
  const doc = loaded.data as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (KEYS.includes(key)) continue;
    const hint = closest(key, KEYS);
    const mean = hint ? ` (did you mean "${hint}"?)` : "";
    report.unknownKey([], key, `unknown key "${key}"${mean}; known keys: ${KEYS.join(", ")}`, hint);
  }
  const parsed: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(sections)) {
    const r = (schema as z.ZodType).safeParse(doc[key]);
    if (r.success) parsed[key] = r.data;
    else reportZodIssues(r.error.issues, [key], schema, doc, report);
  }
  const catalog = buildCatalog(doc.catalog, report);
  const policies = resolvePolicies(doc, catalog, report, dirname(loaded.file));
  const issues = report.issues();
  if (issues.length > 0) throw new ScenarioError(issues);
  return { seed: parsed.seed as number, policies: policies as PolicyRun[] };
}
