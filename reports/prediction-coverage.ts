/**
 * Envelope coverage under the main table: per policy that stated envelopes
 * (the `predict` action), the share of its completed requests whose
 * measured CPU-seconds and memory peak fell inside them, against the
 * confidence it stated. Nothing when no policy stated one.
 */
import type { PolicySummary } from "../sim/model/summary.js";
import { int, pct } from "./text-format.js";

export function predictionCoverageLines(policies: readonly PolicySummary[]): string {
  let out = "";
  for (const p of policies) {
    const env = p.predictions?.envelope;
    if (!env) continue;
    const c = env.coverage;
    const each = [
      c.cpuSeconds === undefined ? null : `CPU ${pct(c.cpuSeconds)}`,
      c.peakMemMiB === undefined ? null : `memory ${pct(c.peakMemMiB)}`,
    ].filter((x) => x !== null);
    out += `envelope coverage, ${p.policy}: ${pct(c.all)} inside at ${pct(env.statedConfidence)} stated (${each.join(", ")}; ${int(env.requests)} requests)\n`;
  }
  return out;
}
