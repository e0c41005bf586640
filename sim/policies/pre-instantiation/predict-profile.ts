/**
 * The profile table of seed 002's Resource Profile Database: code features
 * (algorithm type, language, complexity score, any numeric feature's
 * minimum) to a profile name.
 */
import type { CodeFeatures } from "../types.js";
import type { ProfileRule } from "./config.js";

/** The algorithm type of a program: the first folder of its code path, or undefined. */
export function algorithmOf(features: CodeFeatures | null): string | undefined {
  const id = features?.codeId;
  if (typeof id !== "string") return undefined;
  const slash = id.indexOf("/");
  return slash > 0 ? id.slice(0, slash) : undefined;
}

function matches(rule: ProfileRule, features: CodeFeatures | null): boolean {
  if (rule.algorithm !== undefined && rule.algorithm !== algorithmOf(features)) return false;
  if (rule.language !== undefined && rule.language !== features?.language) return false;
  const score = features?.complexityScore;
  if (rule.minScore !== undefined && !(score !== undefined && score >= rule.minScore)) return false;
  if (rule.belowScore !== undefined && !(score !== undefined && score < rule.belowScore))
    return false;
  for (const name in rule.atLeast) {
    const v = features?.[name];
    if (typeof v !== "number" || v < rule.atLeast[name]!) return false;
  }
  return true;
}

/** The profile of the first rule that matches, or undefined. */
export function matchingRule(
  rules: readonly ProfileRule[],
  features: CodeFeatures | null,
): string | undefined {
  for (const r of rules) if (matches(r, features)) return r.profile;
  return undefined;
}
