/**
 * What the page is narrowed to: one function (from requests.csv) or one SLA
 * class (summary.json's byClass), not both at once, since requests.csv does
 * not say which class a request was in.
 */
import type { LoadedRun } from "./run-data.js";

export type Filter =
  | { readonly kind: "all" }
  | { readonly kind: "function"; readonly functionId: number }
  | { readonly kind: "class"; readonly slaClass: string };

export const NO_FILTER: Filter = { kind: "all" };

/** Every function of the runs' requests.csv files, the busiest first, with its request count. */
export function functionChoices(runs: readonly LoadedRun[]): { id: number; requests: number }[] {
  const counts = new Map<number, number>();
  for (const run of runs)
    for (const r of run.requests ?? [])
      counts.set(r.functionId, (counts.get(r.functionId) ?? 0) + 1);
  return [...counts.entries()]
    .map(([id, requests]) => ({ id, requests }))
    .sort((a, b) => b.requests - a.requests || a.id - b.id);
}

/** Every SLA class any policy of any run reports. */
export function classChoices(runs: readonly LoadedRun[]): string[] {
  const names = new Set<string>();
  for (const run of runs)
    for (const p of run.summary.policies)
      for (const c of Object.keys(p.byClass ?? {})) names.add(c);
  return [...names].sort();
}

export function describeFilter(f: Filter): string {
  if (f.kind === "function") return `function ${f.functionId}`;
  if (f.kind === "class") return `SLA class ${f.slaClass}`;
  return "all requests";
}
