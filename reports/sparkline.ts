/**
 * Instances over time per policy as one line of block characters each, for
 * the terminal under the summary table. All lines share one scale, so a
 * taller line means more instances, across policies too.
 */
import type { TimeseriesRow } from "../sim/model/summary.js";

const BLOCKS = "▁▂▃▄▅▆▇█";

/** The values in `width` columns at most, each the mean of its share of them. */
export function columnMeans(values: readonly number[], width: number): number[] {
  const columns = Math.min(width, values.length);
  return Array.from({ length: Math.max(0, columns) }, (_, c) => {
    const from = Math.floor((c * values.length) / columns);
    const to = Math.floor(((c + 1) * values.length) / columns);
    let sum = 0;
    for (let i = from; i < to; i++) sum += values[i]!;
    return sum / (to - from);
  });
}

/**
 * Values as block characters, `width` columns (each the mean of its share of
 * the values), scaled from 0 to `max`; a zero column is blank, or the lowest
 * block with `blankZero: false`.
 */
export function sparkline(
  values: readonly number[],
  width: number,
  max: number,
  { blankZero = true } = {},
): string {
  if (width < 1) return "";
  let out = "";
  for (const v of columnMeans(values, width)) {
    if (!(v > 0) || !(max > 0)) out += blankZero ? " " : BLOCKS[0];
    else out += BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((v / max) * BLOCKS.length) - 1)];
  }
  return out;
}

/** Alive instances (booting, idle, busy, draining; all types) at each sample time of each policy. */
export function instancesOverTime(rows: readonly TimeseriesRow[]): Map<string, number[]> {
  const byPolicy = new Map<string, Map<number, number>>();
  for (const r of rows) {
    let times = byPolicy.get(r.policy);
    if (!times) byPolicy.set(r.policy, (times = new Map()));
    const alive = r.booting + r.idle + r.busy + r.draining;
    times.set(r.timeS, (times.get(r.timeS) ?? 0) + alive);
  }
  const out = new Map<string, number[]>();
  for (const [policy, times] of byPolicy) {
    out.set(
      policy,
      [...times.entries()].sort((a, b) => a[0] - b[0]).map(([, n]) => n),
    );
  }
  return out;
}

/**
 * A line per policy: its name padded, the sparkline, and its peak; a first
 * line says what the lines show and their scale.
 */
export function instanceSparklines(rows: readonly TimeseriesRow[], width = 48): string {
  const series = instancesOverTime(rows);
  if (series.size === 0) return "";
  const max = [...series.values()].reduce((m, values) => Math.max(m, peakOf(values)), 0);
  const pad = Math.max(...[...series.keys()].map((p) => p.length));
  const lines = [`instances over time (full block = ${max}):`];
  for (const [policy, values] of series) {
    lines.push(`  ${policy.padEnd(pad)}  ${sparkline(values, width, max)}  max ${peakOf(values)}`);
  }
  return lines.join("\n") + "\n";
}

function peakOf(values: readonly number[]): number {
  let peak = 0;
  for (const v of values) if (v > peak) peak = v;
  return peak;
}
