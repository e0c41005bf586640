/**
 * A profile from the kept states of one program's versions.
 *
 * The merging rule: versions are ranked newest first by when each was first
 * seen (its first observation's order in the store), and the version of rank
 * r weighs VERSION_DECAY^r per observation: the newest counts in full, each
 * older one half as much as the one after it, so a code update shifts the
 * profile at once without throwing away what older versions showed. Means
 * and quantiles are weighted so; minimum and maximum span every merged
 * version (an envelope should not forget a bound); `count` is the raw number
 * of observations. `query.versions` keeps only the newest n.
 */
import { PROFILE_METRICS, type KeyState, type MetricStats, type ProfileQuery } from "./types.js";
import type { ProfileMetric, ProfileStats } from "./types.js";

export const VERSION_DECAY = 0.5;

interface Weighted {
  readonly v: number;
  readonly w: number;
}

/** The smallest value whose cumulative weight reaches q of the total. */
function weightedQuantile(sorted: readonly Weighted[], total: number, q: number): number {
  let acc = 0;
  for (const x of sorted) {
    acc += x.w;
    if (acc >= q * total * (1 - 1e-12)) return x.v;
  }
  return sorted[sorted.length - 1]!.v;
}

function metricStats(
  keys: readonly KeyState[],
  weights: readonly number[],
  i: number,
): MetricStats {
  let sum = 0;
  let n = 0;
  let min = Infinity;
  let max = -Infinity;
  const items: Weighted[] = [];
  keys.forEach((k, j) => {
    const w = weights[j]!;
    sum += w * k.sum[i]!;
    n += w * k.count;
    min = Math.min(min, k.min[i]!);
    max = Math.max(max, k.max[i]!);
    // Each kept row stands for count / kept observations of its version.
    const each = (w * k.count) / k.sample.length;
    for (const row of k.sample) items.push({ v: row[i]!, w: each });
  });
  items.sort((a, b) => a.v - b.v || a.w - b.w);
  const total = items.reduce((a, x) => a + x.w, 0);
  return {
    mean: sum / n,
    min,
    max,
    p50: weightedQuantile(items, total, 0.5),
    p90: weightedQuantile(items, total, 0.9),
    p99: weightedQuantile(items, total, 0.99),
  };
}

/** `keys`: the states of one code id and input hash ("" = every input), any order. */
export function mergeVersions(
  keys: readonly KeyState[],
  query: ProfileQuery,
): ProfileStats | undefined {
  const live = keys.filter((k) => k.count > 0);
  if (live.length === 0) return undefined;
  const newestFirst = [...live].sort((a, b) => b.firstSeq - a.firstSeq);
  const merged = newestFirst.slice(0, query.versions ?? newestFirst.length);
  const weights = merged.map((_, r) => VERSION_DECAY ** r);
  const metrics = {} as Record<ProfileMetric, MetricStats>;
  PROFILE_METRICS.forEach((m, i) => (metrics[m] = metricStats(merged, weights, i)));
  const recentSize = Math.max(...merged.map((k) => k.recent.length));
  const recent = merged
    .flatMap((k) => k.recent)
    .sort((a, b) => b.seq - a.seq)
    .slice(0, recentSize)
    .map((r) => r.obs);
  const seqCounts = new Map<string, number>();
  merged.forEach((k, j) => {
    for (const [id, c] of Object.entries(k.sequences))
      seqCounts.set(id, (seqCounts.get(id) ?? 0) + c * weights[j]!);
  });
  const sequences = [...seqCounts]
    .map(([id, count]) => ({ id, count }))
    .sort((a, b) => b.count - a.count || (a.id < b.id ? -1 : 1))
    .slice(0, Math.max(...merged.map((k) => Object.keys(k.sequences).length), 0));
  return {
    codeId: merged[0]!.codeId,
    inputHash: query.inputHash ?? null,
    count: merged.reduce((a, k) => a + k.count, 0),
    versions: merged.map((k, r) => ({
      codeVersion: k.codeVersion,
      count: k.count,
      weight: weights[r]!,
    })),
    firstS: Math.min(...merged.map((k) => k.firstS)),
    lastS: Math.max(...merged.map((k) => k.lastS)),
    metrics,
    recent,
    sequences,
  };
}
