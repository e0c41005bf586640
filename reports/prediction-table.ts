/**
 * Prediction error under the main table, for the policies that predict
 * (the `predict` action): MAPE of execution time, CPU-seconds and memory
 * peak over their completed requests, and the envelope's coverage against
 * the confidence it stated. Nothing when no policy predicts.
 */
import type { PolicySummary } from "../sim/model/summary.js";
import { int, pct } from "./text-format.js";
import { textTable } from "./text-table.js";

const maybe = (x: number | undefined) => (x === undefined ? "-" : pct(x));

export function predictionTable(policies: readonly PolicySummary[]): string {
  const predicting = policies.filter((p) => p.predictions && p.predictions.requests > 0);
  if (predicting.length === 0) return "";
  const header = ["predictions (MAPE)", ...predicting.map((p) => p.policy)];
  const row = (name: string, get: (p: PolicySummary) => string) => [name, ...predicting.map(get)];
  const body = [
    row("requests", (p) => int(p.predictions!.requests)),
    row("execution time", (p) => maybe(p.predictions!.mape.serviceS)),
    row("CPU-seconds", (p) => maybe(p.predictions!.mape.cpuSeconds)),
    row("memory peak", (p) => maybe(p.predictions!.mape.peakMemMiB)),
    row("envelope coverage", (p) => {
      const e = p.predictions!.envelope;
      return e ? `${pct(e.coverage.all)} of ${pct(e.statedConfidence)}` : "-";
    }),
  ];
  return textTable(header, body);
}
