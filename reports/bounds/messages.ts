/** One line per finding of a bounds check, naming scenario, policy, metric and how far. */
import type { BoundCheck, BoundsResult } from "./check.js";
import { BOUND_METRICS } from "./metrics.js";

function toleranceText(r: BoundsResult, c: BoundCheck): string {
  const m = BOUND_METRICS[c.metric];
  const t = `±${m.showDelta(Math.abs(c.bound - c.measured))}`;
  if (c.from === "ci95") return `${t} (95% interval over ${r.replications} replications)`;
  const of = c.metric === "slaAttainment" ? " of the shortfall" : "";
  return `${t} (${Number((100 * r.margin).toPrecision(4))}% margin${of})`;
}

/** The change from the measured figure, relative, where there is one. */
function change(c: BoundCheck): string {
  if (c.measured === 0 || !Number.isFinite(c.actual)) return "";
  const rel = (100 * (c.actual - c.measured)) / Math.abs(c.measured);
  return `, now ${rel >= 0 ? "+" : ""}${Number(rel.toPrecision(3))}%`;
}

export function regressionMessage(r: BoundsResult, c: BoundCheck): string {
  const m = BOUND_METRICS[c.metric];
  const side = m.worse === "higher" ? "above" : "below";
  const by = Number.isFinite(c.actual) ? ` by ${m.showDelta(Math.abs(c.actual - c.bound))}` : "";
  return `${r.scenario}, policy ${c.policy}: ${m.label} worse: ${m.show(c.actual)}, ${side} its bound ${m.show(c.bound)}${by}; measured ${m.show(c.measured)} ${toleranceText(r, c)}${change(c)}`;
}

export function tightenMessage(r: BoundsResult, c: BoundCheck): string {
  const m = BOUND_METRICS[c.metric];
  return `${r.scenario}, policy ${c.policy}: ${m.label} better: ${m.show(c.actual)}, beyond the tolerance of the measured ${m.show(c.measured)} ${toleranceText(r, c)}${change(c)}; the bound could be tightened`;
}

export function mismatchMessage(r: BoundsResult, why: string): string {
  return `${r.scenario}: ${why}`;
}
