/**
 * Prometheus metrics of the server (prom-client), at /metrics: decisions by
 * instance, policy and hook, how long each took, and the size each pool is
 * to have once the last decision's actions are applied.
 */
import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { FleetData } from "../policies/fleet-data.js";
import type { Action } from "../policies/types.js";

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

  /** One decision answered: `seconds` it took, the fleet it saw and the actions it gave. */
  decided(
    instance: string,
    policy: string,
    hook: string,
    seconds: number,
    fleet: FleetData,
    actions: readonly Action[],
  ): void {
    this.decisions.inc({ instance, policy, hook });
    this.latency.observe({ instance, hook }, seconds);
    for (const [pool, size] of desiredSizes(fleet, actions))
      this.desired.set({ instance, pool }, size);
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
