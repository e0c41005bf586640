/**
 * The top-level sections of a scenario, each checked on its own, so that a
 * problem in one does not hide the problems of the others. `policies` is
 * left to policy-runs.ts, which checks each entry against its own policy.
 */
import type { z } from "zod";
import type { Reporter } from "./reporter.js";
import { scenarioSchema, type Scenario } from "./schema.js";
import { closest } from "./suggest.js";
import { reportZodIssues } from "./zod-issues.js";

type Sections = Partial<Record<keyof Scenario, unknown>>;

/** The parsed value of every section that is valid; issues of the others go to `report`. */
export function parseSections(doc: Record<string, unknown>, report: Reporter): Sections {
  const shape = scenarioSchema.shape as Record<string, z.ZodType>;
  const names = Object.keys(shape);
  for (const key of Object.keys(doc)) {
    if (Object.hasOwn(shape, key)) continue;
    const hint = closest(key, names);
    const mean = hint ? ` (did you mean "${hint}"?)` : "";
    report.unknownKey(
      [],
      key,
      `unknown key "${key}"${mean}; known keys: ${names.join(", ")}`,
      hint,
    );
  }
  const out: Sections = {};
  for (const [key, schema] of Object.entries(shape)) {
    if (key === "policies") continue;
    const parsed = schema.safeParse(doc[key]);
    if (parsed.success) out[key as keyof Scenario] = parsed.data;
    else reportZodIssues(parsed.error.issues, [key], schema, doc, report);
  }
  return out;
}
