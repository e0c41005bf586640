/**
 * The verdict under the table: the cheapest policy that meets the SLA, or
 * that none does. With replications every mean has a 95% interval; when
 * the intervals of two figures overlap the verdict says their difference
 * is not significant at 95%, so a planner does not read noise as a
 * conclusion. (Overlap is the conservative reading: intervals apart mean
 * a difference significant at 95% and beyond.)
 */
import type { PolicySummary } from "../sim/model/summary.js";
import { intervalsOverlap, type Estimate } from "./interval.js";
import type { RunReport } from "./summary-report.js";
import { pct, secs, share, usd as usdText } from "./text-format.js";

const cost = (p: PolicySummary): Estimate => ({ value: p.costUsd, ci95: p.ci95?.costUsd });
const attainment = (p: PolicySummary): Estimate => ({
  value: p.slaAttainment,
  ci95: p.ci95?.slaAttainment,
});

/** Whether two 95% intervals overlap; false without intervals. */
export function overlap95(a: Estimate, b: Estimate): boolean {
  return intervalsOverlap(a, b) ?? false;
}

/** Whether a 95% interval reaches a value it is on the other side of. */
function reaches(a: Estimate, value: number): boolean {
  return a.ci95 !== undefined && Math.abs(a.value - value) <= a.ci95;
}

function usd(e: Estimate): string {
  return usdText(e.value, e.ci95);
}

function attained(p: PolicySummary): string {
  const a = attainment(p);
  return `${pct(a.value, 2)}${a.ci95 === undefined ? "" : ` ±${pct(a.ci95, 2)}`}`;
}

function list(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? "")
    : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The verdict as one line, without a trailing newline. */
export function verdictLine(report: RunReport, slaTarget: number): string {
  const policies = report.policies;
  const sla = `${share(slaTarget)} of requests within ${secs(report.slaLatencyS)}`;
  if (policies.every((p) => p.requests === 0))
    return "verdict: nothing to compare: no request arrived within the horizon.";
  const meets = (p: PolicySummary) => p.slaAttainment >= slaTarget;
  const byCost = [...policies].sort((a, b) => a.costUsd - b.costUsd);
  const passing = byCost.filter(meets);
  const best = passing[0];
  const sentences: string[] = [];
  if (!best) {
    const closest = [...policies].sort((a, b) => b.slaAttainment - a.slaAttainment)[0]!;
    sentences.push(
      `no policy meets the SLA (${sla}); the closest is ${closest.policy} at ${attained(closest)}`,
    );
    if (reaches(attainment(closest), slaTarget))
      sentences.push("its shortfall is not significant at 95%");
    return `verdict: ${sentences.join("; ")}.`;
  }
  const next = passing[1];
  sentences.push(
    next
      ? `${best.policy} is the cheapest policy that meets the SLA (${sla}): ${usd(cost(best))} against ${usd(cost(next))} for ${next.policy}`
      : `${best.policy} is the only policy that meets the SLA (${sla}), at ${usd(cost(best))}`,
  );
  if (next && best.ci95) {
    const ties = passing.slice(1).filter((p) => overlap95(cost(best), cost(p)));
    sentences.push(
      ties.length > 0
        ? `the cost difference from ${list(ties.map((p) => p.policy))} is not significant at 95% (the intervals overlap)`
        : "the cost difference is significant at 95%",
    );
  }
  if (reaches(attainment(best), slaTarget))
    sentences.push(
      `its SLA attainment (${attained(best)}) is not significantly above the target at 95%`,
    );
  const cheaper = byCost.slice(0, byCost.indexOf(best));
  if (cheaper.length > 0) {
    const narrow = cheaper.filter((p) => reaches(attainment(p), slaTarget));
    sentences.push(
      `${list(cheaper.map((p) => `${p.policy} (${attained(p)})`))} cost${cheaper.length === 1 ? "s" : ""} less but miss${cheaper.length === 1 ? "es" : ""} the SLA` +
        (narrow.length > 0
          ? ` (${list(narrow.map((p) => p.policy))}: not significantly at 95%)`
          : ""),
    );
  }
  return `verdict: ${sentences.join("; ")}.`;
}
