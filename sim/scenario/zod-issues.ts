/**
 * zod's issues as scenario issues: each at its path and line, in words of
 * the scenario format (a left-out key, an unknown key with its likely
 * meaning, the union branch the author meant), never zod's raw text.
 */
import type { z } from "zod";
import type { PathKey } from "./issues.js";
import type { Reporter } from "./reporter.js";
import { allowedKeys } from "./schema-keys.js";
import { closest } from "./suggest.js";

/**
 * Reports the issues of `schema`, which checked the value at `base` in
 * `doc` (the whole document as parsed from YAML); `within` is where, below
 * `base`, the issues' own paths start.
 */
export function reportZodIssues(
  list: readonly z.core.$ZodIssue[],
  base: readonly PathKey[],
  schema: z.ZodType,
  doc: unknown,
  report: Reporter,
  within: readonly PathKey[] = [],
): void {
  for (const issue of list) {
    const rel = [...within, ...(issue.path as PathKey[])];
    const path = [...base, ...rel];
    if (isMissing(doc, path)) {
      report.missing(path);
      continue;
    }
    const given = valueAt(doc, path);
    switch (issue.code) {
      case "unrecognized_keys": {
        const allowed = allowedKeys(schema, rel, valueAt(doc, base));
        for (const key of issue.keys) {
          const hint = closest(key, allowed);
          const known = allowed.length > 0 ? `; known keys: ${allowed.join(", ")}` : "";
          const mean = hint ? ` (did you mean "${hint}"?)` : "";
          report.unknownKey(path, key, `unknown key "${key}"${mean}${known}`, hint);
        }
        break;
      }
      case "invalid_union":
        reportUnion(issue, base, rel, schema, doc, given, report);
        break;
      case "invalid_type":
        report.at(
          path,
          `expected ${EXPECTED[issue.expected] ?? issue.expected}, got ${describe(given)}`,
        );
        break;
      case "invalid_value":
        report.at(path, oneOf(given, issue.values));
        break;
      case "too_small":
      case "too_big":
        report.at(path, boundMessage(issue, given));
        break;
      default:
        report.at(path, issue.message);
    }
  }
}

function reportUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  base: readonly PathKey[],
  rel: readonly PathKey[],
  schema: z.ZodType,
  doc: unknown,
  given: unknown,
  report: Reporter,
) {
  const path = [...base, ...rel];
  const options = (issue as { options?: unknown[] }).options;
  if (issue.errors.length === 0 && options) {
    // A discriminated union: the discriminator's value is none of the options.
    report.at(path, oneOf(given, options));
    return;
  }
  // The branches the author meant: none of their own keys unknown, and not
  // merely lacking their keys (as every one-key branch of `{}` does).
  const meant = issue.errors.filter(
    (b) =>
      b.length > 0 &&
      !b.some((e) => e.code === "unrecognized_keys" && e.path.length === 0) &&
      !b.every((e) => e.path.length === 1 && isMissing(doc, [...path, ...(e.path as PathKey[])])),
  );
  if (meant.length > 0) {
    const best = meant.reduce((a, b) => (b.length < a.length ? b : a));
    reportZodIssues(best, base, schema, doc, report, rel);
    return;
  }
  const keys = allowedKeys(schema, rel, valueAt(doc, base));
  const own = isPlainObject(given) ? Object.keys(given) : [];
  const hint = own.length === 1 ? closest(own[0]!, keys) : undefined;
  report.at(
    path,
    keys.length > 0
      ? `expected one of: ${keys.join(", ")}${hint ? ` (did you mean "${hint}"?)` : ""}`
      : issue.message,
  );
}

/** A number or a list out of its bounds, said in words (a message the schema wrote itself stays). */
function boundMessage(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  given: unknown,
): string {
  if (!issue.message.startsWith("Too ")) return issue.message;
  const bound = Number(issue.code === "too_small" ? issue.minimum : issue.maximum);
  const what = issue.origin === "array" ? "items" : "";
  const side =
    issue.code === "too_small"
      ? issue.inclusive
        ? "at least"
        : "greater than"
      : issue.inclusive
        ? "at most"
        : "less than";
  const count = Array.isArray(given) ? given.length : undefined;
  const got = count === undefined ? describe(given) : `${count} item${count === 1 ? "" : "s"}`;
  return `must be ${side} ${bound}${what ? ` ${what}` : ""}, got ${got}`;
}

function oneOf(given: unknown, values: readonly unknown[]): string {
  const names = values.map(String);
  const hint = typeof given === "string" ? closest(given, names) : undefined;
  return `${describe(given)} is not one of: ${names.join(", ")}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "an integer",
  string: "a text",
  boolean: "true or false",
  object: "a mapping of keys",
  record: "a mapping of keys",
  array: "a list",
};

/** A value as the author wrote it, short. */
export function describe(v: unknown): string {
  if (v === null) return "nothing (null)";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);
  return String(v);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function valueAt(value: unknown, path: readonly PathKey[]): unknown {
  let v = value;
  for (const k of path)
    v = isPlainObject(v) || Array.isArray(v) ? (v as Record<PathKey, unknown>)[k] : undefined;
  return v;
}

/** A key its map does not have at all (as opposed to one written with a wrong value). */
function isMissing(doc: unknown, path: readonly PathKey[]): boolean {
  const key = path[path.length - 1];
  if (typeof key !== "string") return false;
  const parent = valueAt(doc, path.slice(0, -1));
  return isPlainObject(parent) && !Object.hasOwn(parent, key);
}
