/**
 * Timeseries rows as the instances chart draws them: per policy and instance
 * type (every type any policy used, so a grid of policies by types has no
 * empty cell), every sample time of the policy present (zero where the type
 * had no instance then), averaged down to at most `maxPoints` points per series so
 * the page stays small however long the horizon or short the interval.
 */
import type { TimeseriesRow } from "../../sim/model/summary.js";

export interface FleetPoint {
  readonly policy: string;
  readonly type: string;
  readonly timeS: number;
  readonly booting: number;
  readonly idle: number;
  readonly busy: number;
  readonly draining: number;
}

const STATES = ["booting", "idle", "busy", "draining"] as const;

export function fleetSeries(rows: readonly TimeseriesRow[], maxPoints = 400): FleetPoint[] {
  const policies = new Map<
    string,
    { times: Set<number>; byType: Map<string, Map<number, TimeseriesRow>> }
  >();
  for (const r of rows) {
    let p = policies.get(r.policy);
    if (!p) policies.set(r.policy, (p = { times: new Set(), byType: new Map() }));
    p.times.add(r.timeS);
    // The empty type marks a sample with no instance alive: a time, no series.
    if (r.type === "") continue;
    let t = p.byType.get(r.type);
    if (!t) p.byType.set(r.type, (t = new Map()));
    t.set(r.timeS, r);
  }
  const types = [...new Set([...policies.values()].flatMap((p) => [...p.byType.keys()]))].sort();
  const none = new Map<number, TimeseriesRow>();
  const out: FleetPoint[] = [];
  for (const [policy, { times, byType }] of policies) {
    const sorted = [...times].sort((a, b) => a - b);
    const per = Math.max(1, Math.ceil(sorted.length / maxPoints));
    for (const type of types) {
      const samples = byType.get(type) ?? none;
      for (let from = 0; from < sorted.length; from += per) {
        const to = Math.min(sorted.length, from + per);
        const sum = { booting: 0, idle: 0, busy: 0, draining: 0 };
        for (let i = from; i < to; i++) {
          const r = samples.get(sorted[i]!);
          if (r) for (const s of STATES) sum[s] += r[s];
        }
        const n = to - from;
        out.push({
          policy,
          type,
          timeS: sorted[from]!,
          booting: sum.booting / n,
          idle: sum.idle / n,
          busy: sum.busy / n,
          draining: sum.draining / n,
        });
      }
    }
  }
  return out;
}

/** The time unit an axis over this horizon reads best in. */
export function timeUnit(horizonS: number): { readonly name: string; readonly seconds: number } {
  if (horizonS >= 2 * 3600) return { name: "h", seconds: 3600 };
  if (horizonS >= 120) return { name: "min", seconds: 60 };
  return { name: "s", seconds: 1 };
}
