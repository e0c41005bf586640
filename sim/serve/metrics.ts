/**
 * Prometheus metrics of the server (prom-client), at /metrics: decisions by
 * instance, policy and hook, how long each took, the size each pool is to
 * have once the last decision's actions are applied, and how far the
 * policy's predictions (`predict` actions) were from what the completions
 * reported measured.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FleetData } from "../policies/fleet-data.js";
import type { Action, CompletionFeedback, Prediction } from "../policies/types.js";

/** Predictions kept per instance for requests not yet completed; the oldest go first. */
const PENDING_PREDICTIONS = 100_000;

export class ServeMetrics {
  readonly registry = new Registry();
  private readonly decisions = new Counter({
    name: "provisim_decisions_total",
    help: "Decisions answered, by policy instance, policy and hook.",
    labelNames: ["instance", "policy", "hook"],
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: "provisim_decision_seconds",
    help: "Time from a decision's body being read to its reply, state written included.",
    labelNames: ["instance", "hook"],
    buckets: [0.00001, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.01, 0.1, 1],
    registers: [this.registry],
  });
  private readonly desired = new Gauge({
    name: "provisim_desired_pool_size",
    help: "Instances a pool is to have after the instance's last decision: those in the fleet it saw, plus provisions, less immediate releases.",
    labelNames: ["instance", "pool"],
    registers: [this.registry],
  });

  private readonly predictionError = new Histogram({
    name: "provisim_prediction_error_ratio",
    help: "|predicted - measured| / measured of each predicted figure, scored when its request's completion is reported.",
    labelNames: ["instance", "figure"],
    buckets: [0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  private readonly envelopes = new Counter({
    name: "provisim_envelope_checks_total",
    help: "Completions of requests predicted with an envelope, by whether every measured figure fell inside it.",
    labelNames: ["instance", "held"],
    registers: [this.registry],
  });
  private readonly statedConfidence = new Gauge({
    name: "provisim_envelope_stated_confidence",
    help: "The confidence the last envelope checked stated.",
    labelNames: ["instance"],
    registers: [this.registry],
  });
  private readonly pending = new Map<string, Map<number, Prediction>>();

  /**
   * One decision answered: `seconds` it took, the fleet it saw and the
   * actions it gave; `completion` when it was a completion's feedback.
   */
  decided(
    instance: string,
    policy: string,
    hook: string,
    seconds: number,
    fleet: FleetData,
    actions: readonly Action[],
    completion?: CompletionFeedback,
  ): void {
    this.decisions.inc({ instance, policy, hook });
    this.latency.observe({ instance, hook }, seconds);
    for (const [pool, size] of desiredSizes(fleet, actions))
      this.desired.set({ instance, pool }, size);
    // A completion's prediction is scored before the decision's own predictions are kept.
    if (completion) this.score(instance, completion);
    for (const a of actions) if (a.kind === "predict") this.keep(instance, a.requestId, a);
  }

  private keep(instance: string, requestId: number, p: Prediction): void {
    let m = this.pending.get(instance);
    if (!m) this.pending.set(instance, (m = new Map()));
    m.delete(requestId);
    m.set(requestId, p);
    if (m.size > PENDING_PREDICTIONS) m.delete(m.keys().next().value!);
  }

  private score(instance: string, fb: CompletionFeedback): void {
    const m = this.pending.get(instance);
    const p = m?.get(fb.request.id);
    if (!p) return;
    m!.delete(fb.request.id);
    if (fb.outcome !== "completed") return;
    for (const figure of ["serviceS", "cpuSeconds", "peakMemMiB"] as const) {
      const predicted = p[figure];
      const measured = fb[figure];
      if (predicted !== undefined && measured > 0)
        this.predictionError.observe(
          { instance, figure },
          Math.abs(predicted - measured) / measured,
        );
    }
    const env = p.envelope;
    if (!env) return;
    const inside = (r: readonly [number, number] | undefined, x: number) =>
      r === undefined || (x >= r[0] && x <= r[1]);
    const held = inside(env.cpuSeconds, fb.cpuSeconds) && inside(env.peakMemMiB, fb.peakMemMiB);
    this.envelopes.inc({ instance, held: String(held) });
    this.statedConfidence.set({ instance }, env.confidence);
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The size of each pool the actions touch, once they are applied to the fleet. */
export function desiredSizes(fleet: FleetData, actions: readonly Action[]): Map<string, number> {
  const sizes = new Map<string, number>();
  const poolOf = new Map<number, string>();
  const base = (pool: string) => {
    const p = fleet.pools.find((x) => x.id === pool);
    return p ? p.booting + p.ready : 0;
  };
  for (const p of fleet.pools) for (const i of p.instances) poolOf.set(i.id, p.id);
  for (const a of actions) {
    if (a.kind === "provision") sizes.set(a.pool, (sizes.get(a.pool) ?? base(a.pool)) + a.count);
    else if (a.kind === "release" && a.afterIdleS === undefined) {
      const pool = poolOf.get(a.instanceId);
      if (pool !== undefined) sizes.set(pool, Math.max(0, (sizes.get(pool) ?? base(pool)) - 1));
    } else if (a.kind === "pool" && !sizes.has(a.pool)) sizes.set(a.pool, base(a.pool));
  }
  return sizes;
}
