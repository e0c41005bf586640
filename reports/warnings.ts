/**
 * What a planner must not miss under the table: a workload with no
 * requests, a policy that loses requests, one that misses the SLA, and a
 * saturated fleet (where queueing, not the policy, sets the latency).
 */
import type { RunReport } from "./summary-report.js";
import { fmtDuration, int, pct, secs, share } from "./text-format.js";

/** Failed and rejected requests together, as a share of requests, above which a policy is flagged. */
export const LOSS_LIMIT = 0.01;
/** Utilization from which a fleet counts as saturated. */
export const SATURATED_UTILIZATION = 0.95;

/** One line per warning, without the "warning: " prefix or a newline. */
export function runWarnings(report: RunReport, slaTarget: number): string[] {
  if (report.policies.every((p) => p.requests === 0))
    return [
      `no request arrived within the ${fmtDuration(report.horizonS)} horizon: check the workload (trace file, rate, duration)`,
    ];
  const out: string[] = [];
  for (const p of report.policies) {
    const lost = p.failed + p.rejected;
    if (p.requests > 0 && lost > LOSS_LIMIT * p.requests)
      out.push(
        `${p.policy}: ${pct(lost / p.requests)} of requests failed or were rejected (${int(p.failed)} failed, ${int(p.rejected)} rejected)`,
      );
    if (p.slaAttainment < slaTarget)
      out.push(
        `${p.policy} misses the SLA: ${pct(p.slaAttainment, 2)} of requests within ${secs(report.slaLatencyS)}, the target is ${share(slaTarget)}`,
      );
    if (p.utilization >= SATURATED_UTILIZATION)
      out.push(
        `${p.policy}: utilization ${pct(p.utilization)}: the fleet is overloaded, so queueing sets its latency`,
      );
  }
  return out;
}
