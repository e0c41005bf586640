/**
 * KEDA-style event-driven scaling (a ScaledObject with an external
 * scaler): every polling interval the scaler is asked whether the workload
 * is active (its metric above the activation threshold); an inactive one
 * goes to zero replicas after the cooldown, an active one at zero goes to
 * one. From one replica up, the HPA scales on the same metric as an
 * AverageValue target: desired = ceil(metric / target), with its tolerance,
 * sync period and downscale stabilization. The metric is the backlog, the
 * requests waiting or running, as a queue scaler counts messages waiting
 * and in flight. Defaults are KEDA's and the HPA's (see README).
 */
import { z } from "zod";
import { duration } from "../units/fields.js";
import { releaseOrder } from "./pieces/release-order.js";
import type { Action, Decision, FleetView, Policy, PoolView } from "./types.js";

const config = z.strictObject({
  type: z.string(),
  /** Requests one replica serves at once. */
  concurrency: z.int().positive().default(1),
  /** Backlog per replica the HPA aims at (AverageValue). */
  targetValue: z.number().positive().default(5),
  /** The scaler counts as active when the backlog is above this. */
  activationThreshold: z.number().nonnegative().default(0),
  pollingInterval: duration().prefault("30s"),
  /** Seconds inactive before scaling to zero. */
  cooldownPeriod: duration().prefault("5m"),
  minReplicaCount: z.int().nonnegative().default(0),
  maxReplicaCount: z.int().positive().default(100),
  syncPeriod: duration().prefault("15s"),
  tolerance: z.number().nonnegative().default(0.1),
  downscaleStabilization: duration().prefault("5m"),
});

export type KedaConfig = z.output<typeof config>;

interface State {
  /** (time, desired) HPA recommendations inside the stabilization window. */
  readonly recommendations: readonly (readonly [number, number])[];
  /** When the scaler last reported the workload active. */
  readonly lastActiveS: number;
}

const POOL = "default";
const POLL = "poll";

const backlog = (pool: PoolView) => pool.queueLength + pool.busySlots;
const replicas = (pool: PoolView) => pool.booting + pool.ready;

/** Actions bringing the pool from `current` to `desired` replicas. */
function scaleTo(c: KedaConfig, fleet: FleetView, current: number, desired: number): Action[] {
  if (desired > current)
    return [{ kind: "provision", pool: POOL, type: c.type, count: desired - current }];
  if (desired < current)
    return releaseOrder(fleet.instances(POOL))
      .slice(0, current - desired)
      .map((i) => ({ kind: "release", instanceId: i.id }));
  return [];
}

/** The scaler's poll: activation from zero, and deactivation after the cooldown. */
function poll(state: State, c: KedaConfig, fleet: FleetView): Decision<State> {
  const pool = fleet.pool(POOL)!;
  const now = fleet.nowS;
  const current = replicas(pool);
  const active = backlog(pool) > c.activationThreshold;
  const next: State = active ? { ...state, lastActiveS: now } : state;
  let desired = current;
  if (active && current === 0) desired = Math.max(1, c.minReplicaCount);
  else if (!active && current > 0 && now - state.lastActiveS >= c.cooldownPeriod)
    desired = c.minReplicaCount;
  const actions = scaleTo(c, fleet, current, desired);
  actions.push({ kind: "timer", key: POLL, atS: now + c.pollingInterval });
  return { state: desired === 0 ? { ...next, recommendations: [] } : next, actions };
}

/** The HPA's sync, from one replica up (at zero, scaling is the scaler's). */
function sync(state: State, c: KedaConfig, fleet: FleetView): Decision<State> {
  const pool = fleet.pool(POOL)!;
  const current = replicas(pool);
  if (current === 0) return { state, actions: [] };
  const now = fleet.nowS;
  const metric = backlog(pool);
  const ratio = metric / (c.targetValue * current);
  let desired = current;
  if (Math.abs(ratio - 1) > c.tolerance) desired = Math.ceil(metric / c.targetValue);
  desired = Math.min(c.maxReplicaCount, Math.max(1, c.minReplicaCount, desired));
  const recommendations = [...state.recommendations, [now, desired] as const].filter(
    ([t]) => t > now - c.downscaleStabilization,
  );
  if (desired < current) desired = Math.max(...recommendations.map(([, d]) => d));
  return { state: { ...state, recommendations }, actions: scaleTo(c, fleet, current, desired) };
}

export const kedaPolicy: Policy<KedaConfig, State> = {
  name: "keda",
  description: "KEDA-style activation to and from zero on a backlog metric, HPA scaling above one",
  configSchema: config,
  typesUsed: (c) => [c.type],
  init(c) {
    const actions: Action[] = [
      { kind: "pool", pool: POOL, routing: "least-loaded", concurrency: c.concurrency },
      { kind: "timer", key: POLL, atS: c.pollingInterval },
    ];
    // The standing replicas exist when the run starts, as a static fleet's do.
    if (c.minReplicaCount > 0)
      actions.push({
        kind: "provision",
        pool: POOL,
        type: c.type,
        count: c.minReplicaCount,
        prewarmed: true,
      });
    return { state: { recommendations: [], lastActiveS: 0 }, actions };
  },
  tickS: (c) => c.syncPeriod,
  onTick: (state, c, fleet) => sync(state, c, fleet),
  onTimer: (state, c, key, fleet) =>
    key === POLL ? poll(state, c, fleet) : { state, actions: [] },
};
