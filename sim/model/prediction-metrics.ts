/**
 * How well a policy's predictions (the `predict` action) matched what its
 * requests measured when they completed: mean absolute percentage error per
 * figure, and how often the envelope held the measurement against the
 * confidence it stated.
 */
import type { CompletionFeedback, Prediction } from "../policies/types.js";

export interface PredictionSummary {
  /** Completed requests that had a prediction. */
  requests: number;
  /** Mean |predicted - measured| / measured, as a fraction, per figure predicted. */
  mape: { serviceS?: number; cpuSeconds?: number; peakMemMiB?: number };
  /** Only when some predictions gave an envelope. */
  envelope?: {
    requests: number;
    /** The confidence the policy stated, averaged over those requests. */
    statedConfidence: number;
    /** Share of measurements inside their range, per figure, and inside every range given. */
    coverage: { cpuSeconds?: number; peakMemMiB?: number; all: number };
  };
}

type Figure = "serviceS" | "cpuSeconds" | "peakMemMiB";
type Ranged = "cpuSeconds" | "peakMemMiB";

/** A sum and a count. */
class Mean {
  sum = 0;
  n = 0;
  add(x: number): void {
    this.sum += x;
    this.n++;
  }
  value(): number | undefined {
    return this.n > 0 ? this.sum / this.n : undefined;
  }
}

export class PredictionMetrics {
  private requests = 0;
  private readonly errors = {
    serviceS: new Mean(),
    cpuSeconds: new Mean(),
    peakMemMiB: new Mean(),
  };
  private readonly inside = { cpuSeconds: new Mean(), peakMemMiB: new Mean() };
  private readonly insideAll = new Mean();
  private readonly confidence = new Mean();

  /** Scores one completed request's prediction against what it measured. */
  record(p: Prediction, measured: CompletionFeedback): void {
    this.requests++;
    for (const f of ["serviceS", "cpuSeconds", "peakMemMiB"] as const satisfies Figure[]) {
      const predicted = p[f];
      const actual = measured[f];
      if (predicted !== undefined && actual > 0)
        this.errors[f].add(Math.abs(predicted - actual) / actual);
    }
    const env = p.envelope;
    if (!env) return;
    this.confidence.add(env.confidence);
    let all = 1;
    for (const f of ["cpuSeconds", "peakMemMiB"] as const satisfies Ranged[]) {
      const range = env[f];
      if (!range) continue;
      const held = measured[f] >= range[0] && measured[f] <= range[1] ? 1 : 0;
      this.inside[f].add(held);
      all &= held;
    }
    this.insideAll.add(all);
  }

  /** Null while no completed request had a prediction. */
  summarize(): PredictionSummary | null {
    if (this.requests === 0) return null;
    const mape: PredictionSummary["mape"] = {};
    for (const f of ["serviceS", "cpuSeconds", "peakMemMiB"] as const) {
      const v = this.errors[f].value();
      if (v !== undefined) mape[f] = v;
    }
    const out: PredictionSummary = { requests: this.requests, mape };
    if (this.confidence.n > 0) {
      const coverage: NonNullable<PredictionSummary["envelope"]>["coverage"] = {
        all: this.insideAll.value()!,
      };
      for (const f of ["cpuSeconds", "peakMemMiB"] as const) {
        const v = this.inside[f].value();
        if (v !== undefined) coverage[f] = v;
      }
      out.envelope = {
        requests: this.confidence.n,
        statedConfidence: this.confidence.value()!,
        coverage,
      };
    }
    return out;
  }
}
