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

function addError(to: Mean, predicted: number | undefined, actual: number): void {
  if (predicted !== undefined && actual > 0) to.add(Math.abs(predicted - actual) / actual);
}

/** Whether `x` is inside `range` (true when no range is given), counted in `to` when given. */
function held(to: Mean, range: readonly [number, number] | undefined, x: number): boolean {
  if (!range) return true;
  const inside = x >= range[0] && x <= range[1];
  to.add(inside ? 1 : 0);
  return inside;
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
    // Unrolled: a loop over the figures' names was a keyed load per figure, on every completion.
    this.requests++;
    addError(this.errors.serviceS, p.serviceS, measured.serviceS);
    addError(this.errors.cpuSeconds, p.cpuSeconds, measured.cpuSeconds);
    addError(this.errors.peakMemMiB, p.peakMemMiB, measured.peakMemMiB);
    const env = p.envelope;
    if (!env) return;
    this.confidence.add(env.confidence);
    const cpu = held(this.inside.cpuSeconds, env.cpuSeconds, measured.cpuSeconds);
    const mem = held(this.inside.peakMemMiB, env.peakMemMiB, measured.peakMemMiB);
    this.insideAll.add(cpu && mem ? 1 : 0);
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
