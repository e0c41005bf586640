/**
 * A summary (summary.json of a run, or a golden file of the same shape) read
 * for comparison: per policy label, the figures of METRICS that it has and
 * their 95% half-widths. A figure may be absent (a summary written before
 * it existed); one that is there but not a number makes the file malformed.
 */
import { CompareInputError } from "./input-error.js";
import { parseJsonText } from "./json-text.js";
import { METRICS, type Metric } from "./metrics.js";

export interface PolicyFigures {
  readonly policy: string;
  readonly values: ReadonlyMap<Metric["id"], number>;
  /** Half-widths of the 95% intervals; empty without replications. */
  readonly ci95: ReadonlyMap<Metric["id"], number>;
}

export interface ComparedSummary {
  readonly scenario: string | undefined;
  readonly seed: number | undefined;
  readonly replications: number | undefined;
  readonly policies: readonly PolicyFigures[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function kind(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "string" ? `the string ${JSON.stringify(v)}` : `a ${typeof v}`;
}

/** A number at `where`, or undefined when absent; anything else is an error. */
function optionalNumber(file: string, where: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "number" || !Number.isFinite(v))
    throw new CompareInputError(file, `${where}: expected a number, found ${kind(v)}`);
  return v;
}

function policyFigures(file: string, where: string, entry: unknown): PolicyFigures {
  if (!isObject(entry))
    throw new CompareInputError(file, `${where}: expected an object, found ${kind(entry)}`);
  if (typeof entry.policy !== "string")
    throw new CompareInputError(
      file,
      `${where}.policy: expected the policy's label, found ${kind(entry.policy)}`,
    );
  const values = new Map<Metric["id"], number>();
  const ci95 = new Map<Metric["id"], number>();
  const intervals = entry.ci95;
  if (intervals !== undefined && intervals !== null && !isObject(intervals))
    throw new CompareInputError(
      file,
      `${where}.ci95: expected an object or null, found ${kind(intervals)}`,
    );
  for (const m of METRICS) {
    let v: unknown = entry;
    let at = where;
    for (const key of m.path) {
      if (v === undefined) break;
      if (!isObject(v))
        throw new CompareInputError(file, `${at}: expected an object, found ${kind(v)}`);
      v = v[key];
      at += `.${key}`;
    }
    const value = optionalNumber(file, at, v);
    if (value !== undefined) values.set(m.id, value);
    if (m.ci95Key !== undefined && isObject(intervals)) {
      const half = optionalNumber(file, `${where}.ci95.${m.ci95Key}`, intervals[m.ci95Key]);
      if (half !== undefined && half < 0)
        throw new CompareInputError(file, `${where}.ci95.${m.ci95Key}: a half-width below 0`);
      if (half !== undefined) ci95.set(m.id, half);
    }
  }
  return { policy: entry.policy, values, ci95 };
}

/** Parses a summary's text; `file` names it in every error. */
export function parseSummary(file: string, text: string): ComparedSummary {
  const root = parseJsonText(file, text);
  if (!isObject(root))
    throw new CompareInputError(file, `expected a summary object, found ${kind(root)}`);
  if (!Array.isArray(root.policies))
    throw new CompareInputError(
      file,
      `policies: expected an array of policies, found ${kind(root.policies)}; is this a summary.json?`,
    );
  const policies = root.policies.map((p, i) => policyFigures(file, `policies[${i}]`, p));
  const seen = new Set<string>();
  for (const [i, p] of policies.entries()) {
    if (seen.has(p.policy))
      throw new CompareInputError(
        file,
        `policies[${i}].policy: "${p.policy}" is listed twice; labels must be unique`,
      );
    seen.add(p.policy);
  }
  return {
    scenario: typeof root.scenario === "string" ? root.scenario : undefined,
    seed: optionalNumber(file, "seed", root.seed),
    replications: optionalNumber(file, "replications", root.replications),
    policies,
  };
}
